// Electron-free so the browser end-to-end harness can serve the renderer under the very same policy
// the app uses; a test that passes there then says something about the app.

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Svelte transitions and chart.js write inline style attributes; inline <script> stays forbidden.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'"
].join('; ')
