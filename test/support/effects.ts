import { CaseRepository } from "../../src/cases/repository.js";
import type { Clock } from "../../src/clock.js";
import type { EventOf } from "../../src/events/types.js";
import {
  effectHandlers,
  type MeetingEffectsPort,
  type OrderCardsPort,
  type ReminderEffectsPort,
} from "../../src/events/wiring.js";
import { silentLogger } from "../../src/log.js";
import { OutboxDispatcher, type EffectOutcome } from "../../src/outbox/dispatcher.js";
import { OutboxRepository } from "../../src/outbox/repository.js";
import { DecisionRegister } from "../../src/register/register.js";
import type { Store } from "../../src/store/db.js";

/** Records every reminder call, in order. */
export class RecordingReminders implements ReminderEffectsPort {
  calls: [string, unknown][] = [];
  async scheduleGpDeadline(input: unknown) {
    this.calls.push(["scheduleGpDeadline", input]);
  }
  async completeGpDeadline(orderId: string) {
    this.calls.push(["completeGpDeadline", orderId]);
  }
  async scheduleFollowUp(input: unknown) {
    this.calls.push(["scheduleFollowUp", input]);
  }
  async completeFollowUp(caseId: string) {
    this.calls.push(["completeFollowUp", caseId]);
  }
  async cancelCase(caseId: string) {
    this.calls.push(["cancelCase", caseId]);
  }
  names() {
    return this.calls.map(([name]) => name);
  }
}

/** Records the card effects instead of talking to Teams. */
export class RecordingOrderCards implements OrderCardsPort {
  synced: string[] = [];
  told: (EventOf<"PlanReceived"> | EventOf<"FollowUpRequested">)[] = [];
  async sync(orderId: string): Promise<EffectOutcome> {
    this.synced.push(orderId);
    return { status: "done" };
  }
  async tellWhenNoChannel(): Promise<EffectOutcome> {
    return { status: "done" };
  }
  async tellCaseworker(
    event: EventOf<"PlanReceived"> | EventOf<"FollowUpRequested">,
  ): Promise<EffectOutcome> {
    this.told.push(event);
    return { status: "done" };
  }
}

/** The outbox dispatcher with the product's wiring, around recording stand-ins. */
export function testEffects(
  store: Store,
  clock: Clock,
  stand: { reminders?: ReminderEffectsPort; orderCards?: OrderCardsPort; meetings?: MeetingEffectsPort } = {},
): OutboxDispatcher {
  const dispatcher = new OutboxDispatcher(
    {
      repository: new OutboxRepository(store),
      transaction: (work) => store.db.transaction().execute(work),
      clock,
      log: silentLogger,
    },
    { intervalMs: 0, leaseMs: 60_000 },
  );
  dispatcher.use(
    effectHandlers({
      cases: new CaseRepository(store),
      reminders: stand.reminders ?? new RecordingReminders(),
      register: new DecisionRegister(store),
      orderCards: stand.orderCards ?? new RecordingOrderCards(),
      ...(stand.meetings ? { meetings: stand.meetings } : {}),
    }),
  );
  return dispatcher;
}
