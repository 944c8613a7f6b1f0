import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Directory } from "./directory/directory.js";
import type { Logger } from "./log.js";
import type { AuditLog } from "./store/audit.js";
import type { ConversationRepository } from "./store/conversations.js";
import type { Store } from "./store/db.js";

/**
 * What the composition root (src/main.ts) hands to every entry point: bot handlers, the CLI,
 * schedulers. A feature adds its own services by declaration merging in its own module:
 * `declare module "../services.js" { interface AppServices { reminders: ReminderService } }`,
 * and constructs them in `createServices`.
 */
export interface AppServices {
  config: Config;
  log: Logger;
  clock: Clock;
  store: Store;
  directory: Directory;
  conversations: ConversationRepository;
  audit: AuditLog;
}
