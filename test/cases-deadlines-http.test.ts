/**
 * A case's next deadline has one source (src/domain/case.ts, nextDeadline, kept in the case's
 * `next_due_*` columns): once Jobbtorg reports the genomförandeplan sent, "mina ärenden",
 * "teamets ärenden" and the case card drop it as `frister` does (issue 15, point 10) — on
 * SQLite and PostgreSQL alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseAction } from "../src/cases/service.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf } from "./support/cards.js";
import { alfaStepsUntilOrder, demoUsers, type DemoUser } from "./support/fixtures.js";
import { dialects } from "./support/stores.js";
import { up as recomputePlanDeadlines } from "../src/store/migrations/0017_plan_sent_deadlines.js";

const untilOrder: CaseAction[] = [...alfaStepsUntilOrder];

describe.each(dialects)("a plan Jobbtorg has sent, on %s", (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
  });
  afterAll(async () => {
    await t?.close();
  });

  const directoryUser = async (user: DemoUser): Promise<DirectoryUser> =>
    (await t.app.services.directory.findUser(user.id))!;

  async function answerTo(user: DemoUser, text: string): Promise<string> {
    t.connector.clear();
    await t.say(user, text);
    await t.connector.waitFor(() => t.connector.activities().length > 0);
    return t.connector
      .activities()
      .map((a) => `${typeof a.text === "string" ? a.text : ""}\n${cardText(a.attachments ?? [])}`)
      .join("\n");
  }

  /** Anna's Alfa case, walked to the order to Jobbtorg Alfa. */
  async function orderedCase(anna: DirectoryUser, caseRef: string) {
    const { cases } = t.app.services;
    let { record } = await cases.open(anna, {
      creationKey: `k-${caseRef}`,
      caseRef,
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: 30,
    });
    for (const action of untilOrder)
      record = (await cases.act(anna, record.id, record.version, action)).record;
    return record;
  }

  it("drops off the caseworker's and the team's lists and the case card, and comes back on a completion request", async () => {
    const anna = await directoryUser(demoUsers.handlaggare);
    const { cases, orders } = t.app.services;
    let record = await orderedCase(anna, "FA-2026-0778");
    const gpDue = record.state.orders.at(-1)!.gpDueOn;
    const followUpDue = record.state.followUpDueOn!;
    const row = async () => (await cases.mine(anna)).find((item) => item.caseRef === "FA-2026-0778")!;
    expect(await row()).toMatchObject({ nextDueKind: "genomforandeplan", nextDueOn: gpDue });
    expect(await answerTo(demoUsers.handlaggare, "mina ärenden")).toContain(
      `Genomförandeplan senast ${gpDue}`,
    );

    const sara = await directoryUser(demoUsers.specialistAlfa);
    const [order] = await orders.forCase(record.id);
    await orders.take(sara, order!.id);
    await orders.gpSent(sara, order!.id, "2026-02-20");

    // Every list now shows the next deadline after the plan: the follow-up.
    expect(await row()).toMatchObject({ nextDueKind: "uppfoljning", nextDueOn: followUpDue });
    const mine = await answerTo(demoUsers.handlaggare, "mina ärenden");
    expect(mine).toContain("FA-2026-0778");
    expect(mine).not.toContain("Genomförandeplan senast");
    expect(mine).toContain(`Uppföljning senast ${followUpDue}`);
    const team = await answerTo(demoUsers.gruppledareSocialpsykiatri, "teamets ärenden");
    expect(team).toContain("FA-2026-0778");
    expect(team).not.toContain("Genomförandeplan senast");
    expect(await answerTo(demoUsers.gruppledareSocialpsykiatri, "frister")).not.toContain("FA-2026-0778");
    // The case card's "Nästa frist" says the same; the step still asks the caseworker to check the plan.
    const card = cardText(cardOf(await t.act(demoUsers.handlaggare, "case.open", { caseId: record.id })));
    expect(card).toContain("Genomförandeplan mottagen och granskad");
    expect(card).toContain(`Uppföljning senast ${followUpDue}`);
    expect(card).not.toContain("Genomförandeplan senast");

    // The plan does not match the order: the deadline runs again until a completed plan is checked.
    record = (await cases.loadFor(anna, record.id))!;
    record = (
      await cases.act(anna, record.id, record.version, {
        kind: "gp",
        receivedOn: "2026-02-23",
        matchesOrder: false,
      })
    ).record;
    expect(await row()).toMatchObject({ nextDueKind: "genomforandeplan", nextDueOn: gpDue });
    // frister and the digest read the deadline row: it is open again, with its due date.
    expect(await t.app.services.reminders.repository.getDeadline(`gp:${order!.id}`)).toMatchObject({
      state: "open",
      due_on: gpDue,
    });
    expect(await answerTo(demoUsers.gruppledareSocialpsykiatri, "frister")).toContain("FA-2026-0778");
    record = (
      await cases.act(anna, record.id, record.version, {
        kind: "gp",
        receivedOn: "2026-02-25",
        matchesOrder: true,
      })
    ).record;
    expect(await row()).toMatchObject({ nextDueKind: "uppfoljning", nextDueOn: followUpDue });
  });

  it("a plan sent before this rule drops off once the migration has run", async () => {
    const anna = await directoryUser(demoUsers.handlaggare);
    const { cases, store } = t.app.services;
    const record = await orderedCase(anna, "FA-2026-0779");
    // As an older version left it: the order marked sent, the case row still listing the plan.
    await store.db
      .updateTable("orders")
      .set({ state: "gp-skickad", gp_sent_on: "2026-02-20" })
      .where("case_id", "=", record.id)
      .execute();
    const row = async () => (await cases.mine(anna)).find((item) => item.caseRef === "FA-2026-0779")!;
    expect((await row()).nextDueKind).toBe("genomforandeplan");
    await recomputePlanDeadlines(store.db as never);
    expect(await row()).toMatchObject({ nextDueKind: "uppfoljning", nextDueOn: record.state.followUpDueOn });
  });
});
