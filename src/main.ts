import path from "node:path";
import { createBotRuntime, type BotRuntime } from "../bot/index.js";
import { OrderCards } from "../bot/features/orders.js";
import { CaseService } from "./cases/service.js";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Directory } from "./directory/directory.js";
import { LocalFileDirectory } from "./directory/local-file-directory.js";
import { createLogger, type Logger } from "./log.js";
import type { OrderDeliveryRetrier } from "./orders/delivery.js";
import { DecisionRegister } from "./orders/register.js";
import { meetingBookerFor, MeetingService } from "./meetings/index.js";
import { OrderService } from "./orders/service.js";
import { caseRulesFrom } from "./cases/rules-adapter.js";
import { insatsLabel } from "./reminders/messages.js";
import * as rules from "./rules/index.js";
import { ReminderRepository } from "./reminders/repository.js";
import { ReminderScheduler } from "./reminders/scheduler.js";
import { reminderPolicyFrom, ReminderService } from "./reminders/service.js";
import { createHttpServer, type HttpServer } from "./server.js";
import { tabRoutes } from "./tab/index.js";
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
  const store = openConfiguredStore(config, {
    onBackgroundError: (message) => log.warn({ message }, "SQLite-checkpoint i bakgrunden misslyckades"),
    ...overrides.store,
  });
  await migrateToLatest(store);
  const directory =
    overrides.directory ??
    LocalFileDirectory.ensure(config.DIRECTORY_FILE ?? path.join(config.DATA_DIR, "directory.json"));
  const clock = overrides.clock ?? systemClock;
  const audit = new AuditLog(store);
  const reminders = new ReminderService(new ReminderRepository(store), clock, reminderPolicyFrom(config));
  const cases = new CaseService({ store, clock, config, directory, reminders, log });
  cases.useRules(caseRulesFrom(ruleModuleFor(config)));
  const decisionRegister = new DecisionRegister(store);
  cases.onDecided((fact) => decisionRegister.record(fact));
  return {
    config,
    log,
    clock,
    store,
    directory,
    conversations: new ConversationRepository(store),
    audit,
    reminders,
    cases,
    orders: new OrderService({ store, clock, directory, audit, reminders, log }),
    decisionRegister,
    meetings: new MeetingService({
      store,
      clock,
      config,
      directory,
      cases,
      reminders,
      audit,
      booker: meetingBookerFor(config),
      log,
    }),
  };
}

/** The rule module with this deployment's settings (the IPS project's end date). */
function ruleModuleFor(config: Config) {
  const options = config.IPS_PROJECT_END ? { ipsProjectEnd: config.IPS_PROJECT_END } : {};
  return {
    ...rules,
    evaluateInsats: (id: rules.InsatsId, facts: rules.Facts, on: string) =>
      rules.evaluateInsats(id, facts, on, options),
  };
}

export interface RunningApp {
  services: AppServices;
  runtime: BotRuntime;
  /** Sends due reminders and digests; polling unless SCHEDULER_INTERVAL_MS is 0. */
  scheduler: ReminderScheduler;
  /** Retries order cards that did not reach Teams; polls alongside the scheduler. */
  orderDeliveries: OrderDeliveryRetrier;
  http: HttpServer;
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight turns, then closes the database. */
  close(): Promise<void>;
}

export async function startApp(config: Config, overrides: ServiceOverrides = {}): Promise<RunningApp> {
  const services = await createServices(config, overrides);
  const runtime = createBotRuntime(services);
  // Orders reach Jobbtorg as cards, kept up to date in place (bot/features/orders.ts).
  const orderDeliveries = OrderCards.connect(services, runtime).retrier({
    intervalMs: config.SCHEDULER_INTERVAL_MS,
    leaseMs: config.SCHEDULER_LEASE_MS,
  });
  const scheduler = new ReminderScheduler(
    {
      repository: services.reminders.repository,
      conversations: services.conversations,
      directory: services.directory,
      clock: services.clock,
      log: services.log,
      sender: runtime.sender,
      insatsName: insatsLabel,
    },
    {
      leaseMs: config.SCHEDULER_LEASE_MS,
      intervalMs: config.SCHEDULER_INTERVAL_MS,
      digestTime: config.DIGEST_TIME,
    },
  );
  const http = createHttpServer({
    log: services.log,
    graceMs: config.SHUTDOWN_GRACE_MS,
    handleMessages: (req, res) => runtime.handleMessages(req, res),
    routes: tabRoutes(services),
    async ready() {
      if (!(await isReachable(services.store))) return { ready: false, reason: "database unreachable" };
      const pending = await pendingMigrations(services.store);
      return pending.length === 0
        ? { ready: true }
        : { ready: false, reason: `pending migrations: ${pending.join(", ")}` };
    },
  });
  const { port, url } = await http.listen(config.PORT, config.bindHost);
  scheduler.start();
  orderDeliveries.start();
  let closed: Promise<void> | undefined;
  return {
    services,
    runtime,
    scheduler,
    orderDeliveries,
    http,
    url,
    port,
    close() {
      closed ??= (async () => {
        await http.close();
        await Promise.all([scheduler.stop(), orderDeliveries.stop()]);
        await services.store.close();
      })();
      return closed;
    },
  };
}
