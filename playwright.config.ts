import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const PORT = Number(process.env.E2E_PORT ?? 3999);
const dbFile = path.join(os.tmpdir(), `kneewise-e2e-${process.pid}.db`);

/**
 * Browser tests drive Debian's Chromium (never a downloaded browser) against the built app,
 * served by the real CLI on a throwaway SQLite file.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [["list"], ["./e2e/summary-reporter.ts"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node bin/kneewise.js serve --port ${PORT} --db ${dbFile}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 30_000,
    env: { KNEEWISE_LOG_LEVEL: "warn" },
  },
});
