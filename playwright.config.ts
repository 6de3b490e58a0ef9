import { defineConfig, devices } from "@playwright/test";
import { E2E_RUNTIME_FILE } from "./e2e/runtime";

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "./e2e",
  // the fixtures seed through the app's services: `server-only` resolves as in the scripts
  tsconfig: "./tsconfig.node.json",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    // The team (one user per role) is made and each signs in once (e2e/team.ts); the specs start from the saved state.
    { name: "setup", testMatch: /\.setup\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", dependencies: ["setup"], use: { ...devices["Desktop Chrome"], viewport: { width: 1366, height: 800 } } },
  ],
  webServer: {
    // A throwaway database, the built app and the worker, as `npm start` runs them.
    command: `npx tsx --tsconfig tsconfig.node.json scripts/serve.ts --ephemeral --no-seed --no-build --port ${PORT} --runtime-file ${E2E_RUNTIME_FILE}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    // e2e webhooks go to a receiver on 127.0.0.1, and retries should not wait long.
    env: { ...(process.env as Record<string, string>), WEBHOOK_ALLOW_PRIVATE_NETWORKS: "1", WEBHOOK_BACKOFF_MS: "200" },
    stdout: "pipe",
    stderr: "pipe",
  },
});
