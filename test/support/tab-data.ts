import { randomUUID } from "node:crypto";
import type { AppServices } from "../../src/services.js";
import { alfaStepsUntilDecision, demoUsers } from "./fixtures.js";

/**
 * Cases for the tab's tests, walked through the real case workflow on the test clock
 * (2026-03-02): Anna's A case decided and ordered from Alfa (GP due), Anna's case still at the
 * informationsmöte, and Lars' LSS case in Bromma (another unit).
 */
export async function seedTabCases(services: AppServices) {
  const user = async (id: string) => (await services.directory.findUser(id))!;
  const anna = await user(demoUsers.handlaggare.id);
  const lars = await user(demoUsers.handlaggareLss.id);
  const open = async (
    actor: typeof anna,
    caseRef: string,
    insats: "sis-socialpsykiatri" | "lss-insteg",
    gender: "kvinna" | "man",
  ) =>
    (
      await services.cases.open(actor, {
        creationKey: randomUUID(),
        caseRef,
        insats,
        receivedOn: "2026-01-05",
        gender,
        age: 30,
      })
    ).record;
  const walk = async (actor: typeof anna, id: string, steps: readonly Record<string, unknown>[]) => {
    for (const step of steps) {
      const record = (await services.cases.load(id))!;
      const result = await services.cases.act(actor, id, record.version, step as never);
      if (!result.changed) throw new Error(`step ${String(step.kind)} did not apply`);
    }
  };
  const toDecision = (decidedOn: string) =>
    [
      ...alfaStepsUntilDecision,
      { kind: "decide", decidedOn, outcome: "bifall", periodTo: "2027-02-08" },
    ] as const;

  const ordered = await open(anna, "FA-2026-0001", "sis-socialpsykiatri", "kvinna");
  await walk(anna, ordered.id, [...toDecision("2026-02-09"), { kind: "order", orderedOn: "2026-02-10" }]);
  const early = await open(anna, "FA-2026-0002", "sis-socialpsykiatri", "man");
  const other = await open(lars, "BR-2026-0001", "lss-insteg", "kvinna");
  return { anna, lars, ordered, early, other };
}
