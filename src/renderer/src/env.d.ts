/// <reference types="vite/client" />

// The preload puts the contract on window.casefile. It is optional here on purpose: a page opened
// outside the app has no bridge, and lib/api.ts is the one place that checks for it.
interface Window {
  casefile?: import('@shared/api').CasefileBridge
}
