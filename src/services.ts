import type { CaseService } from "./cases/service.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Directory } from "./directory/directory.js";
import type { ExpertService } from "./experts/service.js";
import type { HandoverService } from "./handover/service.js";
import type { Logger } from "./log.js";
import type { MeetingService } from "./meetings/service.js";
import type { OrderService } from "./orders/service.js";
import type { OutboxDispatcher } from "./outbox/dispatcher.js";
import type { OutboxRepository } from "./outbox/repository.js";
import type { DecisionRegister } from "./register/register.js";
import type { ReminderService } from "./reminders/service.js";
import type { AuditLog } from "./store/audit.js";
import type { ConversationRepository } from "./store/conversations.js";
import type { Store } from "./store/db.js";

/**
 * What the composition root (src/main.ts) hands to every entry point: bot handlers, the CLI,
 * schedulers. Every service is listed here; each gets its own dependencies through its
 * constructor, in `createServices`.
 */
export interface AppServices {
  config: Config;
  log: Logger;
  clock: Clock;
  store: Store;
  directory: Directory;
  conversations: ConversationRepository;
  audit: AuditLog;
  reminders: ReminderService;
  cases: CaseService;
  orders: OrderService;
  meetings: MeetingService;
  decisionRegister: DecisionRegister;
  handover: HandoverService;
  experts: ExpertService;
  /** The effects of committed changes (src/outbox), and the dispatcher that runs them. */
  outbox: OutboxRepository;
  effects: OutboxDispatcher;
}
