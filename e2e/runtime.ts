/** Where the e2e server (playwright.config.ts's webServer) writes its database URLs. */
export const E2E_RUNTIME_FILE = ".test-data/e2e-runtime.json";
