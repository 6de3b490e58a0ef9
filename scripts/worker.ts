// `npm run worker`: the background worker alone (outbox relay, automations, list
// refreshes, sweeps), for running more workers beside `npm start` or the web servers of a
// larger install. Finds the database as the CLI does (scripts/lib/runtime.ts).
import { closeDb } from "../db/client";
import { quietWorkerLogs, startWorker } from "../lib/worker";
import { checkEnvOrExit } from "./lib/check-env";
import { resolveDatabase } from "./lib/runtime";
import { loadSecrets } from "./lib/secrets";
import { env } from "../lib/env";

checkEnvOrExit("[worker]");
const database = await resolveDatabase();
process.env.APP_DATABASE_URL = database.appUrl;
// the key `npm start` uses when none is set, so this worker reads the same mailbox passwords
process.env.EMAIL_ENCRYPTION_KEY = env.EMAIL_ENCRYPTION_KEY ?? loadSecrets().emailKey;
const runner = await startWorker({ ownerUrl: database.ownerUrl });
console.log("[worker] running; Ctrl-C stops it");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    quietWorkerLogs();
    void runner
      .stop()
      .then(() => closeDb())
      .then(() => database.stop?.())
      .finally(() => process.exit(0));
  });
}
