// Vitest global setup: a throwaway embedded PostgreSQL on a free port, migrated with the
// real migrations; tests get the owner and app URLs through inject().
import { rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startEmbedded } from "../embedded";
import { appUrlFor, migrateDatabase } from "../migrate";

declare module "vitest" {
  export interface ProvidedContext {
    ownerUrl: string;
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  let ownerUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => {};
  if (!ownerUrl) {
    const dataDir = path.resolve(".test-data", `pg-${process.pid}-${Date.now()}`);
    const cluster = await startEmbedded({ dataDir, port: await freePort(), persistent: false });
    ownerUrl = cluster.ownerUrl;
    stop = async () => {
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const appPassword = "test-app-password";
  await migrateDatabase(ownerUrl, appPassword);
  project.provide("ownerUrl", ownerUrl);
  project.provide("appUrl", appUrlFor(ownerUrl, appPassword));
  return stop;
}
