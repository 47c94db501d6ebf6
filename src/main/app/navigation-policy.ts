// Decisions for links and navigation. The window only ever shows the app; a web link is handed to
// the user's browser, an e-mail address to their mail program, and anything else (file:,
// javascript:, custom schemes) goes nowhere.

import { originOf } from './app-origin'

export function isAppNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && allowedOrigins.includes(origin)
}

/** The URL to give the system (browser or mail program), or null when the link must not leave the app. */
export function externalLinkTarget(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname.includes('@') ? parsed.href : null
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  // A link with embedded credentials is a classic phishing disguise (https://bank.com@evil.example).
  if (parsed.username !== '' || parsed.password !== '') return null
  return parsed.href
}
