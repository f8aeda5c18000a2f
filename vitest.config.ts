import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/summary-reporter.js";

export const vitestConfig = defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "bench/**/*.test.ts"],
    setupFiles: ["test/setup/no-network.ts", "test/setup/fast-check-seed.ts"],
    reporters: ["default", new SummaryReporter()],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});

export default vitestConfig;
