// A database of one test file's own, created on the test cluster and migrated with the
// real migrations. Files that run the worker use it so their worker only sees their own
// jobs and never dispatches another file's events behind its back.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { closeDb } from "../client";
import { appUrlFor, migrateDatabase } from "../migrate";

export interface OwnDatabase {
  ownerUrl: string;
  /** Closes the app's pool and drops the database (after the file's worker has stopped). */
  drop(): Promise<void>;
}

/** Creates and migrates the database, and points the app's pool (db()) at it. */
export async function createOwnDatabase(prefix: string): Promise<OwnDatabase> {
  const base = inject("ownerUrl");
  const appPassword = decodeURIComponent(new URL(inject("appUrl")).password);
  const dbName = `${prefix}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = () => postgres(base, { max: 1, onnotice: () => {} });
  const a = admin();
  await a.unsafe(`create database ${dbName}`);
  await a.end();
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  const ownerUrl = u.toString();
  await migrateDatabase(ownerUrl, appPassword);
  await closeDb();
  process.env.APP_DATABASE_URL = appUrlFor(ownerUrl, appPassword);
  return {
    ownerUrl,
    async drop() {
      await closeDb();
      const d = admin();
      await d.unsafe(`drop database if exists ${dbName} with (force)`);
      await d.end();
    },
  };
}
