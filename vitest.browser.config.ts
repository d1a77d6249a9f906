import { defineConfig } from "vitest/config";

// `npm run test:browser`: the board page in the machine's Chromium (test/browser/)
export default defineConfig({
  test: {
    include: ["test/browser/**/*.browser.ts"],
    pool: "threads",
    testTimeout: 60_000,
  },
});
