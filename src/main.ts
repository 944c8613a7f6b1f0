import { createBotRuntime, type BotRuntime } from "../bot/index.js";
import { ExpertMessages } from "../bot/features/experts.js";
import { HandoverNotices } from "../bot/features/handover.js";
import { OrderCards } from "../bot/features/orders.js";
import type { CaseRules } from "./cases/rules.js";
import { CaseService } from "./cases/service.js";
import { systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Directory } from "./directory/directory.js";
import { directoryFor } from "./directory/select.js";
import { ExpertService } from "./experts/service.js";
import { HandoverService } from "./handover/service.js";
import { createLogger, type Logger } from "./log.js";
import { deadlineDoneHandlers, effectHandlers } from "./events/wiring.js";
import { OutboxDispatcher } from "./outbox/dispatcher.js";
import { OutboxRepository } from "./outbox/repository.js";
import { DecisionRegister } from "./register/register.js";
import { meetingBookerFor, MeetingService } from "./meetings/index.js";
import { OrderService } from "./orders/service.js";
import { PollingLoop } from "./polling-loop.js";
import { caseRulesFrom } from "./cases/rules-adapter.js";
import { insatsLabel } from "./reminders/messages.js";
import * as rules from "./rules/index.js";
import { ReminderRepository } from "./reminders/repository.js";
import { ReminderScheduler } from "./reminders/scheduler.js";
import { retentionPolicyFrom } from "./retention/purge.js";
import { RetentionScheduler } from "./retention/scheduler.js";
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
  /** The rule module the case cards consult (tests with a stand-in). */
  rules?: CaseRules;
}

/** The composition root: builds every service from config; adapters are chosen here. */
export async function createServices(config: Config, overrides: ServiceOverrides = {}): Promise<AppServices> {
  const log = overrides.log ?? createLogger(config.LOG_LEVEL);
  const store = openConfiguredStore(config, {
    onBackgroundError: (message) => log.warn({ message }, "SQLite-checkpoint i bakgrunden misslyckades"),
    ...overrides.store,
  });
  await migrateToLatest(store);
  const directory = overrides.directory ?? directoryFor(config, log);
  const clock = overrides.clock ?? systemClock;
  const audit = new AuditLog(store);
  const outbox = new OutboxRepository(store);
  const effects = new OutboxDispatcher(
    { repository: outbox, transaction: (work) => store.db.transaction().execute(work), clock, log },
    { intervalMs: config.SCHEDULER_INTERVAL_MS, leaseMs: config.SCHEDULER_LEASE_MS },
  );
  const cases = new CaseService({
    store,
    clock,
    config,
    directory,
    effects,
    log,
    rules: overrides.rules ?? caseRulesFrom(ruleModuleFor(config)),
  });
  const reminders = new ReminderService(
    new ReminderRepository(store),
    clock,
    reminderPolicyFrom(config),
    deadlineDoneHandlers(cases),
  );
  const decisionRegister = new DecisionRegister(store);
  const orders = new OrderService({ store, clock, directory, audit, effects, log });
  // The store's own effects run in any process; the card effects join in startApp.
  effects.use(
    effectHandlers({
      cases: cases.repository,
      reminders,
      register: decisionRegister,
      meetings: { cases, reminders },
    }),
  );
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
    orders,
    decisionRegister,
    handover: new HandoverService({ store, clock, directory, orders: orders.repository, effects }),
    experts: new ExpertService({ store, clock, audit, effects }),
    outbox,
    effects,
    meetings: new MeetingService({
      store,
      clock,
      config,
      directory,
      cases,
      audit,
      effects,
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
  /** Deletes closed cases and audit entries past their retention, daily, on one instance. */
  retention: RetentionScheduler;
  /** Runs the outbox: effects of committed changes, their retries and a crash's leftovers. */
  effects: OutboxDispatcher;
  http: HttpServer;
  url: string;
  port: number;
  /** Stops accepting, finishes in-flight turns, then closes the database. */
  close(): Promise<void>;
}

export async function startApp(config: Config, overrides: ServiceOverrides = {}): Promise<RunningApp> {
  const services = await createServices(config, overrides);
  const runtime = createBotRuntime(services);
  // Every reaction to a change, by name: src/events/wiring.ts.
  services.effects.use(
    effectHandlers({
      cases: services.cases.repository,
      reminders: services.reminders,
      register: services.decisionRegister,
      meetings: { cases: services.cases, reminders: services.reminders },
      orderCards: new OrderCards(services, runtime),
      handoverNotices: new HandoverNotices(services, runtime),
      expertMessages: new ExpertMessages(services, runtime),
    }),
  );
  const scheduler = new ReminderScheduler(
    {
      repository: services.reminders.repository,
      conversations: services.conversations,
      directory: services.directory,
      clock: services.clock,
      log: services.log,
      sender: runtime.sender,
      insatsName: insatsLabel,
      deadEffects: () => services.outbox.countDead(),
    },
    {
      leaseMs: config.SCHEDULER_LEASE_MS,
      intervalMs: config.SCHEDULER_INTERVAL_MS,
      digestTime: config.DIGEST_TIME,
      batchSize: config.SCHEDULER_BATCH_SIZE,
    },
  );
  const retention = new RetentionScheduler(
    { ...services, policy: retentionPolicyFrom(config) },
    { intervalMs: config.SCHEDULER_INTERVAL_MS, leaseMs: config.SCHEDULER_LEASE_MS },
  );
  // A flerpartsmöte whose invitation went out just before a crash is recorded after it.
  const meetingRecovery = new PollingLoop(
    config.SCHEDULER_INTERVAL_MS,
    () => services.meetings.resumeUnsentBookings(config.SCHEDULER_LEASE_MS),
    (error) => services.log.error({ err: error }, "meeting recovery round failed"),
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
  retention.start();
  services.effects.start();
  meetingRecovery.start();
  let closed: Promise<void> | undefined;
  return {
    services,
    runtime,
    scheduler,
    retention,
    effects: services.effects,
    http,
    url,
    port,
    close() {
      closed ??= (async () => {
        await http.close();
        await Promise.all([
          scheduler.stop(),
          services.effects.stop(),
          retention.stop(),
          meetingRecovery.stop(),
        ]);
        await services.store.close();
      })();
      return closed;
    },
  };
}
