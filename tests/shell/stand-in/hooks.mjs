// Module hooks for the stand-in run: `import … from 'electron'` gets the stand-in module instead of
// the electron package (whose index.js would try to download a binary).
const STAND_IN = new URL('./electron.mjs', import.meta.url).href

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN, shortCircuit: true }
  return nextResolve(specifier, context)
}
