import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

// The Electron shell as far as this machine can check it, after `npm run build`: the built main
// bundle under a stand-in `electron` module, the preload in a sandbox-like context, and a real
// electron-builder package around a stand-in Electron. See tests/shell/.
export default defineConfig({
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    include: ['tests/shell/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks'
  }
})
