/** The test run's settings (npm test passes --config tests/vitest.config.ts; the project's top level stays as it is). */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Every temporary folder of a run inside one, removed when the run ends.
    globalSetup: ['tests/global-setup.ts'],
    // Paths are from the project, where npm test runs.
    root: process.cwd(),
  },
});
