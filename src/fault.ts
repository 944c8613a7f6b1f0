/**
 * Crash points for the crash tests (test/crash.test.ts): with INSATSGUIDEN_FAULT set to a point's
 * name, the process kills itself there with SIGKILL — no cleanup, no flush, as a power cut would;
 * `<point>#<n>` waits for the point's n-th pass. Unset (always, outside those tests) this does nothing.
 */
export type FaultPoint =
  /** A change and its outbox rows are committed; none of its effects has run. */
  | "after-commit"
  /** An effect has run (a card is posted); its outbox row is not yet marked done. */
  | "after-effect";

const passes = new Map<FaultPoint, number>();

export function faultPoint(point: FaultPoint): void {
  const fault = process.env.INSATSGUIDEN_FAULT;
  if (!fault) return;
  const [name, nth] = fault.split("#");
  if (name !== point) return;
  const pass = (passes.get(point) ?? 0) + 1;
  passes.set(point, pass);
  if (pass >= Number(nth ?? 1)) process.kill(process.pid, "SIGKILL");
}
