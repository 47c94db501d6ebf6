import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// Tests of the built output, run after `npm run build`: the Electron shell as far as this machine can
// check it (tests/shell: the built main bundle under a stand-in `electron` module, the preload in a
// sandbox-like context, a real electron-builder package around a stand-in Electron) and the worker
// threads the app starts from out/main (tests/built).
export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    include: ['tests/shell/**/*.test.ts', 'tests/built/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks'
  }
})
