/** Handover's statements on SQLite and PostgreSQL: cases, open deadlines and unsent reminders move together, nothing else. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { demoDirectoryFile, LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { HandoverService } from "../src/handover/service.js";
import { OrderRepository } from "../src/orders/repository.js";
import { insertCaseWithRows } from "./support/case-rows.js";
import { demoUsers } from "./support/fixtures.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const directory = new LocalFileDirectory(demoDirectoryFile);
const user = async (id: string): Promise<DirectoryUser> => (await directory.findUser(id))!;

describe.each(dialects)("handover on %s", (dialect) => {
  let store: TestStore;
  let service: HandoverService;
  /** The outbox rows each handover handed to the dispatcher after its commit. */
  let ran: number[][];

  beforeEach(async () => {
    store = await freshStore(dialect);
    ran = [];
    service = new HandoverService({
      store,
      clock: new ManualClock(new Date("2026-03-02T09:00:00+01:00")),
      directory,
      orders: new OrderRepository(store),
      effects: {
        runNow: async (ids) => {
          ran.push(ids);
        },
      },
    });
    await insertCaseWithRows(store, "c1");
    await insertCaseWithRows(store, "c2", { assignee: demoUsers.specialistAlfa.id });
    await insertCaseWithRows(store, "closed", { closedOn: "2026-01-10" });
    await insertCaseWithRows(store, "bromma", { district: "Bromma" });
  });

  afterEach(async () => {
    await store.close();
  });

  it("moves the open cases of the leader's unit and district with their deadlines and reminders", async () => {
    const karin = await user(demoUsers.gruppledareSocialpsykiatri.id);
    const moved = await service.moveCases(karin, {
      fromId: demoUsers.handlaggare.id,
      toId: demoUsers.handlaggare2.id,
    });
    expect(moved.caseRefs).toEqual(["REF-c1", "REF-c2"]);
    const owners = await store.db.selectFrom("cases").select(["id", "caseworker_id"]).orderBy("id").execute();
    expect(
      Object.fromEntries(owners.map((o) => [o.id, o.caseworker_id === demoUsers.handlaggare2.id])),
    ).toEqual({
      bromma: false,
      c1: true,
      c2: true,
      closed: false,
    });
    const deadlines = await store.db
      .selectFrom("deadlines")
      .select(["case_id", "caseworker_id"])
      .orderBy("case_id")
      .execute();
    expect(
      deadlines.filter((d) => d.caseworker_id === demoUsers.handlaggare2.id).map((d) => d.case_id),
    ).toEqual(["c1", "c2"]);
    const reminders = await store.db
      .selectFrom("reminders")
      .select(["deadline_id", "target"])
      .orderBy("deadline_id")
      .execute();
    expect(
      reminders.filter((r) => r.target === `user:${demoUsers.handlaggare2.id}`).map((r) => r.deadline_id),
    ).toEqual(["follow-up:c1", "follow-up:c2"]);
    await expect(
      service.moveCases(karin, { fromId: demoUsers.handlaggare.id, toId: demoUsers.handlaggare2.id }),
    ).rejects.toMatchObject({ code: "HANDOVER.NOTHING_TO_MOVE" });
  });

  it("commits the handover's effects with it: one outbox row per reaction, run after the commit", async () => {
    const karin = await user(demoUsers.gruppledareSocialpsykiatri.id);
    await service.moveCases(karin, { fromId: demoUsers.handlaggare.id, toId: demoUsers.handlaggare2.id });
    const rows = await store.db
      .selectFrom("outbox")
      .select(["id", "event_type", "handler", "aggregate_id", "payload", "state"])
      .where("event_type", "=", "WorkHandedOver")
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.event_type, r.handler, r.state])).toEqual([
      ["WorkHandedOver", "syncHandedOverOrderCards", "pending"],
      ["WorkHandedOver", "tellHandover", "pending"],
    ]);
    expect(ran).toEqual([rows.map((r) => r.id)]);
    // Ids and references only: no names travel with the event.
    expect(JSON.parse(rows[0]!.payload)).toEqual({
      type: "WorkHandedOver",
      kind: "cases",
      actorId: karin.id,
      fromId: demoUsers.handlaggare.id,
      toId: demoUsers.handlaggare2.id,
      caseIds: ["c1", "c2"],
      caseRefs: ["REF-c1", "REF-c2"],
      orderIds: [],
    });
  });

  it("moves running orders between specialists of the unit", async () => {
    const eva = await user(demoUsers.gruppledareAlfa.id);
    const moved = await service.moveOrders(eva, {
      unit: "alfa",
      fromId: demoUsers.specialistAlfa.id,
      toId: demoUsers.specialistAlfa2.id,
    });
    expect(moved.orderIds).toEqual(["order-c2"]);
    expect(
      (
        await store.db
          .selectFrom("outbox")
          .select("handler")
          .where("event_type", "=", "WorkHandedOver")
          .orderBy("id")
          .execute()
      ).map((r) => r.handler),
    ).toEqual(["syncHandedOverOrderCards", "tellHandover"]);
    const row = await store.db
      .selectFrom("orders")
      .selectAll()
      .where("id", "=", "order-c2")
      .executeTakeFirstOrThrow();
    expect([row.assignee, row.assigned_by]).toEqual([demoUsers.specialistAlfa2.id, eva.id]);
    const { from, to } = await service.specialists(eva, "alfa");
    expect(from).toEqual([{ id: demoUsers.specialistAlfa2.id, name: "Omar Arbetsspecialist", open: 1 }]);
    expect(to.map((p) => p.name)).toEqual(["Omar Arbetsspecialist", "Sara Arbetsspecialist"]);
  });

  it("lists a departed caseworker who still holds cases, so their work can move", async () => {
    await insertCaseWithRows(store, "left", { caseworkerId: "gone-user" });
    const karin = await user(demoUsers.gruppledareSocialpsykiatri.id);
    const { from } = await service.caseworkers(karin);
    expect(from.map((p) => [p.name, p.open])).toEqual([
      ["Anna Handläggare", 2],
      ["Tidigare medarbetare (finns inte i katalogen)", 1],
    ]);
    const moved = await service.moveCases(karin, { fromId: "gone-user", toId: demoUsers.handlaggare2.id });
    expect(moved.caseRefs).toEqual(["REF-left"]);
  });
});
