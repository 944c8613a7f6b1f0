import type { Generated } from "kysely";

/** Anonymous counts of purged cases, one row per month × type × insats × unit × district × reason. */
export interface RetentionCountTable {
  id: Generated<number>;
  /** `YYYY-MM` the case was closed. */
  closed_month: string;
  case_type: string;
  insats: string;
  unit: string;
  district: string;
  close_reason: string;
  cases: number;
}

/** Recurring jobs only one instance runs, claimed like a queue row (src/store/lease.ts). */
export interface MaintenanceJobTable {
  id: Generated<number>;
  name: string;
  run_at: number | null;
  claimed_by: string | null;
  attempts: number;
  last_run_at: number | null;
}

declare module "../store/schema.js" {
  interface Database {
    retention_counts: RetentionCountTable;
    maintenance_jobs: MaintenanceJobTable;
  }
}
