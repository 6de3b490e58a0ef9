// The background worker in a process of its own, as `npm start` runs it apart from the web
// server (bench/automations.ts: the moves and the receiver must not share its event loop).
//   OWNER_URL=… APP_DATABASE_URL=… npx tsx --tsconfig tsconfig.node.json bench/worker-process.ts
import { closeDb } from "../db/client";
import { quietWorkerLogs, startWorker } from "../lib/worker";

const ownerUrl = process.env.OWNER_URL;
if (!ownerUrl) throw new Error("set OWNER_URL");
const runner = await startWorker({ ownerUrl, concurrency: Number(process.env.WORKER_CONCURRENCY ?? 10) });
process.send?.("ready");
process.on("SIGTERM", () => {
  quietWorkerLogs();
  void runner
    .stop()
    .then(() => closeDb())
    .finally(() => process.exit(0));
});
