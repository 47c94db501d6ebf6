/**
 * How Casefile starts a headless Chromium (PDF printing, chart pictures, the e2e browser): no
 * sandbox (these machines run as root), no GPU, and none of the background traffic a browser makes.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]
