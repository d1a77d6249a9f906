import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // the machine has 2 cores; long fuzzing and benchmarks have their own npm scripts
    pool: "threads",
    testTimeout: 30_000,
  },
});
