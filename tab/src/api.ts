/** The tab's calls to its API (src/tab/routes.ts): the Teams SSO token, or the local demo user. */
/** A count, or "x" where it is hidden so that no client can be singled out (src/tab/suppression.ts). */
export type Count = number | "x";

export interface Me {
  id: string;
  displayName: string;
  roles: string[];
  views: ("cases" | "deadlines" | "follow-up")[];
  leads: boolean;
  today: string;
  chatLink: string | null;
}

export interface Deadline {
  kind: string;
  dueOn: string;
  relative: string;
  overdue: boolean;
}

export interface CaseRow {
  id: string;
  caseRef: string;
  insats: string;
  stepTitle: string;
  stepNumber: number;
  stepCount: number;
  caseworker: string;
  nextDeadline: Deadline | null;
  jobbtorg: { unit: string; state: string; assignee: string | null } | null;
  closedOn: string | null;
}

export interface CaseDetail {
  id: string;
  caseRef: string;
  type: string;
  insats: string;
  insatsName: string;
  stepTitle: string;
  stepNumber: number;
  stepCount: number;
  caseworker: string;
  unit: string;
  receivedOn: string;
  closed: { on: string } | null;
  nextDeadline: Deadline | null;
  timeline: {
    version: number;
    step: string;
    action: string;
    detail: string | null;
    actor: string;
    at: string;
  }[];
  decision: { decidedOn: string; outcome: string; text: string | null } | null;
  deadlines: Deadline[];
  orders: {
    unit: string;
    orderedOn: string;
    gpDueOn: string;
    state: string;
    assignee: string | null;
    gpSentOn: string | null;
    current: boolean;
  }[];
  chatLink: string | null;
}

export interface DeadlineItem {
  caseId: string;
  caseRef: string;
  kind: string;
  insats: string;
  dueOn: string;
  relative: string;
  caseworker: string;
  jobbtorg: string | null;
  canOpen: boolean;
}

export interface TeamDeadlines {
  today: string;
  weekEnd: string;
  units: string[];
  totals: { overdue: number; thisWeek: number; later: number };
  overdue: DeadlineItem[];
  thisWeek: DeadlineItem[];
  later: DeadlineItem[];
  caseworkers: { id: string; name: string; overdue: number; thisWeek: number; later: number }[];
  unassigned: {
    caseId: string;
    caseRef: string;
    insats: string;
    unit: string;
    orderedOn: string;
    gpDueOn: string;
    relative: string;
    canOpen: boolean;
  }[];
}

export interface GenderRow {
  group: string;
  gender: string;
  decisions: Count;
  granted: Count;
}

export interface FollowUp {
  from: string;
  to: string;
  units: string[];
  byInsats: GenderRow[];
  byDistrictGender: GenderRow[];
  perDistrict: { district: string; decisions: Count; granted: Count }[];
  jobbtorg: {
    unit: string;
    queue: Count;
    ordered: Count;
    daysToAssignment: { median: number | null; count: Count };
    daysToGp: { median: number | null; count: Count };
  }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How requests prove who is asking: a Teams token, or the demo user chosen locally. */
export type Credentials = { kind: "teams"; token: () => Promise<string> } | { kind: "demo"; userId: string };

export class Api {
  /** Answers asked for before the view that reads them was drawn (see prefetch). */
  private readonly early = new Map<string, Promise<unknown>>();

  constructor(private readonly credentials: Credentials) {}

  /**
   * Asks now for what a view will ask for once it is drawn, so the page's first requests run side
   * by side with loading the view instead of one after the other. The view's own `get` with the
   * same path and parameters takes the answer (once).
   */
  prefetch(path: string, params: Record<string, string | number | undefined> = {}): void {
    const url = this.url(path, params);
    const answer = this.get(path, params);
    answer.catch(() => undefined);
    this.early.set(url, answer);
  }

  private async headers(): Promise<Record<string, string>> {
    return this.credentials.kind === "teams"
      ? { authorization: `Bearer ${await this.credentials.token()}` }
      : { "x-insatsguiden-demo-user": this.credentials.userId };
  }

  async get<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
    const url = this.url(path, params);
    const early = this.early.get(url);
    if (early) {
      this.early.delete(url);
      return early as Promise<T>;
    }
    const response = await this.raw(path, params);
    return (await response.json()) as T;
  }

  private url(path: string, params: Record<string, string | number | undefined>): string {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined && value !== "") query.set(key, String(value));
    return `/api/tab/${path}${query.size ? `?${query.toString()}` : ""}`;
  }

  async raw(path: string, params: Record<string, string | number | undefined> = {}): Promise<Response> {
    const url = this.url(path, params);
    let response: Response;
    try {
      response = await fetch(url, { headers: await this.headers() });
    } catch {
      throw new ApiError(0, "Insatsguiden svarar inte. Kontrollera anslutningen och försök igen.");
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      throw new ApiError(response.status, body.message ?? `Något gick fel (${response.status}).`);
    }
    return response;
  }
}

export async function demoUsers(): Promise<
  { id: string; displayName: string; roles: string[] }[] | undefined
> {
  const response = await fetch("/api/tab/demo-users").catch(() => undefined);
  if (!response?.ok) return undefined;
  return ((await response.json()) as { users: { id: string; displayName: string; roles: string[] }[] }).users;
}

/** "2026-03-02" → "2 mars 2026". */
export function swedishDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("sv-SE", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}
