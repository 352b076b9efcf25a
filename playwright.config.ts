import { defineConfig, devices } from "@playwright/test";

// Drives the built server (npm run build) on Debian's chromium; scripts/test.mjs passes
// the lane's DATABASE_URL, so tests can also check what the database holds.
const PORT = Number(process.env.E2E_PORT ?? 3199);
export const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
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
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"], storageState: "e2e/.auth/owner.json" },
    },
  ],
  webServer: {
    command: "node dist/server.js",
    url: `${BASE_URL}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      KEYHOUSE_DATA_DIR: "test-results/e2e-data",
      // Every test signs up from 127.0.0.1; the limit itself is tested in lib/auth/signup.test.ts.
      KEYHOUSE_SIGNUPS_PER_IP_PER_HOUR: "100000",
      KEYHOUSE_SIGNUPS_PER_HOUR: "100000",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
