import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run server modules in Node, outside React's server environment, where the
      // `server-only` marker would throw: resolve it to its empty build, as Next.js does on
      // the server (and as Next's Jest preset does).
      "server-only": createRequire(import.meta.url).resolve("next/dist/compiled/server-only/empty.js"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    globalSetup: ["./db/testing/global-setup.ts"],
    setupFiles: ["./db/testing/setup.ts", "./lib/api/contract-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // next-auth imports "next/server" without an extension; let Vite resolve it
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
  },
});
