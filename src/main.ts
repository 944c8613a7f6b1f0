import path from "node:path";
import { createBotRuntime, type BotRuntime } from "../bot/index.js";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Directory } from "./directory/directory.js";
import { LocalFileDirectory } from "./directory/local-file-directory.js";
import { createLogger, type Logger } from "./log.js";
import { createHttpServer, type HttpServer } from "./server.js";
import type { AppServices } from "./services.js";
import { AuditLog } from "./store/audit.js";
import { ConversationRepository } from "./store/conversations.js";
import { isReachable, openConfiguredStore, type StoreOptions } from "./store/db.js";
import { migrateToLatest, pendingMigrations } from "./store/migrate.js";

/** Replacements for tests and tools: a fake clock, a prepared directory, an isolated store. */
export interface ServiceOverrides {
  clock?: Clock;
  log?: Logger;
  directory?: Directory;
  store?: StoreOptions;
}

/** The composition root: builds every service from config; adapters are chosen here. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<AppServices> {
  const log = overrides.log ?? createLogger(config.LOG_LEVEL);
  const store = openConfiguredStore(config, overrides.store);
  await migrateToLatest(store);
  const directory =
    overrides.directory ??
    LocalFileDirectory.ensure(config.DIRECTORY_FILE ?? path.join(config.DATA_DIR, "directory.json"));
  return {
    config,
    log,
    clock: overrides.clock ?? systemClock,
    store,
    directory,
    conversations: new ConversationRepository(store),
    audit: new AuditLog(store),
  };
}

export interface RunningApp {
  services: AppServices;
  runtime: BotRuntime;
  http: HttpServer;
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight turns, then closes the database. */
  close(): Promise<void>;
}

export async function startApp(config: Config, overrides: ServiceOverrides = {}): Promise<RunningApp> {
  const services = await createServices(config, overrides);
  const runtime = createBotRuntime(services);
  const http = createHttpServer({
    log: services.log,
    graceMs: config.SHUTDOWN_GRACE_MS,
    handleMessages: (req, res) => runtime.handleMessages(req, res),
    async ready() {
      if (!(await isReachable(services.store))) return { ready: false, reason: "database unreachable" };
      const pending = await pendingMigrations(services.store);
      return pending.length === 0
        ? { ready: true }
        : { ready: false, reason: `pending migrations: ${pending.join(", ")}` };
    },
  });
  const { port, url } = await http.listen(config.PORT, config.bindHost);
  let closed: Promise<void> | undefined;
  return {
    services,
    runtime,
    http,
    url,
    port,
    close() {
      closed ??= (async () => {
        await http.close();
        await services.store.close();
      })();
      return closed;
    },
  };
}
