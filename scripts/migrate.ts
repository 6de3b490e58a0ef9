// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (as its owner)
// and gives the app role its password (that of APP_DATABASE_URL or APP_DATABASE_PASSWORD,
// or the one kept in .data/secrets.json); without DATABASE_URL, to the embedded database
// of `npm start`.
import { migrateDatabase } from "../db/migrate";
import { env } from "../lib/env";
import { checkEnvOrExit } from "./lib/check-env";
import { resolveDatabase } from "./lib/runtime";
import { loadSecrets } from "./lib/secrets";

checkEnvOrExit("[migrate]");
const database = await resolveDatabase(); // migrates, except when both URLs are given
if (env.DATABASE_URL && env.APP_DATABASE_URL) {
  const password = decodeURIComponent(new URL(env.APP_DATABASE_URL).password) || env.APP_DATABASE_PASSWORD || loadSecrets().appDbPassword;
  await migrateDatabase(env.DATABASE_URL, password);
}
await database.stop?.();
console.log("[migrate] the database is up to date");
