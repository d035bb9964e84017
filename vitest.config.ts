import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Every temp folder a test file made is removed when the file ends.
    setupFiles: ['test/remove-temp-folders.ts'],
  },
})
