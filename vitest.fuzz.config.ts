import { defineConfig } from "vitest/config";

/** `npm run fuzz`: the property-based tests at FUZZ_RUNS cases, and the hostile inputs too large for `npm test`. */
export default defineConfig({
  test: {
    include: ["test/properties.test.ts", "test/**/*.fuzz.ts"],
    pool: "threads",
    testTimeout: 120_000,
  },
});
