import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every temporary folder of a run inside one, removed when the run ends.
    globalSetup: ['tests/global-setup.ts'],
  },
});
