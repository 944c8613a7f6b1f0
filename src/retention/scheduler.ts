import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import { addDays, stockholmDate, stockholmInstant } from "../deadlines/index.js";
import type { Logger } from "../log.js";
import { PollingLoop } from "../polling-loop.js";
import type { Store } from "../store/db.js";
import { claimLeased } from "../store/lease.js";
import { purgeExpired, type PurgeReport, type RetentionPolicy } from "./purge.js";
import "./schema.js";

export const purgeJobName = "retention-purge";
/** Stockholm time of day the purge runs (night: no one is working cases). */
const purgeTime = "03:00";

/**
 * Runs the retention purge once a day. Every instance polls; the job's row in
 * `maintenance_jobs` is claimed with the queues' lease (src/store/lease.ts), so exactly one
 * instance purges, and if it dies mid-purge another takes over when the lease ends.
 */
export class RetentionScheduler {
  private readonly instance = randomUUID();
  private readonly loop: PollingLoop;
  private firstRound: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: { store: Store; clock: Clock; log: Logger; policy: RetentionPolicy },
    private readonly options: { intervalMs: number; leaseMs: number },
  ) {
    this.loop = new PollingLoop(
      options.intervalMs,
      () => this.runDue(),
      (error) =>
        deps.log.error(
          { err: { name: (error as Error).name, message: (error as Error).message } },
          "gallringen misslyckades; den görs om när låset löpt ut",
        ),
    );
  }

  /** Polls from one interval after start: a starting instance serves its first turns before it purges. */
  start(): void {
    if (this.options.intervalMs === 0 || this.firstRound) return;
    this.firstRound = setTimeout(() => this.loop.start(), this.options.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.firstRound) clearTimeout(this.firstRound);
    this.firstRound = undefined;
    await this.loop.stop();
  }

  /** Purges if the job is due and this instance claims it; undefined when not its turn. */
  async runDue(): Promise<PurgeReport | undefined> {
    const now = this.deps.clock.now();
    const [job] = await claimLeased(this.deps.store, "maintenance_jobs", {
      now,
      limit: 1,
      instance: this.instance,
      leaseMs: this.options.leaseMs,
    });
    if (!job) return undefined;
    const report = await purgeExpired(this.deps.store, this.deps.policy, now);
    const next = stockholmInstant(addDays(stockholmDate(now), 1), purgeTime);
    await this.deps.store.db
      .updateTable("maintenance_jobs")
      .set({ run_at: next.getTime(), claimed_by: null, attempts: 0, last_run_at: now.getTime() })
      .where("id", "=", job.id)
      .where("claimed_by", "=", this.instance)
      .execute();
    this.deps.log.info(
      { cases: report.rows.cases ?? 0, auditEntries: report.auditEntries, closedBefore: report.closedBefore },
      "gallring klar",
    );
    return report;
  }
}
