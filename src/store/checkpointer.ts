import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * Moves SQLite's WAL checkpoints off the event loop. better-sqlite3 is synchronous, and the
 * automatic checkpoint runs inside whichever commit crosses the threshold: copying ~1,000 pages
 * into the database file and syncing it took 40–80 ms in the case-step bench, a stall that every
 * request in flight waited out (it set the p99). A worker thread with its own connection runs a
 * PASSIVE checkpoint every `intervalMs`, which never blocks the bot's writers or readers; the
 * bot's own connection keeps a far higher automatic threshold only as a fallback, should the
 * worker stop.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** Pages the bot's connection lets the WAL grow to before checkpointing itself (fallback). */
export const fallbackAutocheckpointPages = 10_000;

// Plain CommonJS run with `eval`: the worker needs no TypeScript loader, however the bot was started.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const database = new Database(workerData.file);
database.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  try {
    database.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
`;

export function startCheckpointer(
  file: string,
  options: { intervalMs?: number | undefined; onError?: ((message: string) => void) | undefined } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driver, intervalMs: options.intervalMs ?? 1_000 },
  });
  // A background helper: it must not keep the process alive on its own.
  worker.unref();
  worker.on("message", (message: { error?: string }) => {
    if (message.error) options.onError?.(message.error);
  });
  worker.on("error", (error) => options.onError?.(error.message));
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return {
    async stop() {
      // Keep the process alive until the worker has closed its connection.
      worker.ref();
      worker.postMessage("stop");
      await exited;
    },
  };
}
