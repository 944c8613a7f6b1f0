import { longestPacingHoldMs, schedulerHeldRows } from "./pacing.js";
import { z } from "./validation.js";

/**
 * A claimed reminder can wait this long in pacing with these settings; the lease must outlast it
 * (src/pacing.ts). With the defaults about 94 s.
 */
export function minimumLeaseMs(
  config: Pick<Config, "SCHEDULER_BATCH_SIZE" | "TEAMS_PAUSE_CAP_MS" | "TEAMS_SEND_TIMEOUT_MS">,
): number {
  return (
    longestPacingHoldMs(schedulerHeldRows(config.SCHEDULER_BATCH_SIZE), {
      tenantPauseCapMs: config.TEAMS_PAUSE_CAP_MS,
      sendTimeoutMs: config.TEAMS_SEND_TIMEOUT_MS,
    }) + 1
  );
}

/**
 * Every setting Insatsguiden reads, parsed from the environment by one zod schema.
 * Names follow the environment variables so an error message can name the variable itself.
 * @remarks Without `MicrosoftAppId` the bot runs in local mode: it binds 127.0.0.1 only and
 * accepts unauthenticated activities (the Agents Playground, tests).
 */
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: optionalString,
    DATA_DIR: z.string().trim().min(1).default("./data"),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "förväntade en PostgreSQL-URL (postgres://…)")
        .optional(),
    ),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("SingleTenant"),
    MicrosoftAppTenantId: optionalString,
    ALLOWED_TENANTS: commaList,
    /** Where the Bot Connector's signing keys are published (sovereign clouds; local test stand-ins). */
    BOT_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
    /** The Teams tab's app id URI (`api://<host>/<app id>`), the audience of its SSO tokens. */
    TAB_APP_ID_URI: optionalString.pipe(
      z
        .string()
        .regex(/^api:\/\/[^/\s]+\/[0-9a-fA-F-]{36}$/, "förväntade api://<värd>/<app-id>")
        .optional(),
    ),
    /** Entra ID's OpenID metadata, whose keys sign the tab's SSO tokens (sovereign clouds; test stand-ins). */
    TAB_OPENID_METADATA_URL: z
      .url()
      .default("https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DIRECTORY_FILE: optionalString,
    /** The Entra ID group → role mapping (README, "Katalogen från Entra ID"); set = roles come from Graph. */
    DIRECTORY_GROUP_MAPPING: optionalString,
    /** How long the directory trusts an answer from Entra ID before asking again (seconds). */
    DIRECTORY_CACHE_SECONDS: z.coerce.number().int().min(10).max(3_600).default(300),
    /** How long past that an answer still serves while Graph is down; then the bot refuses (seconds). */
    DIRECTORY_STALE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3_600),
    // retention (README, "Dataskydd")
    /** Months a closed case's reference, steps and dates are kept after closing; then deleted. */
    RETENTION_MONTHS: z.coerce.number().int().min(3).max(120).default(13),
    /** Months audit log entries are kept. */
    AUDIT_RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(24),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** The Agents Playground UI port for `npm start` (it picks a free one when this is taken). */
    PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65535).default(56150),
    // rules
    /** The last day of the IPS-in-psychosis-care project (000 §5); unset = it still runs. */
    IPS_PROJECT_END: optionalString.pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "förväntade ett datum ÅÅÅÅ-MM-DD")
        .optional(),
    ),
    // reminders
    /** How the 15 days for the genomförandeplan are counted (the sources differ; src/deadlines). */
    GP_DEADLINE_RULE: z.enum(["working", "calendar"]).default("working"),
    /** GP reminder this many working days before the due date (and one on the due date). */
    REMINDER_GP_WORKING_DAYS_BEFORE: z.coerce.number().int().min(0).max(15).default(3),
    /** Follow-up reminder this many calendar days before the due date (and one on the due date). */
    REMINDER_FOLLOW_UP_DAYS_BEFORE: z.coerce.number().int().min(0).max(60).default(14),
    /** Stockholm time of day personal reminders are sent. */
    REMINDER_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "förväntade TT:MM")
      .default("08:30"),
    /** Stockholm time of day the channel digest is posted, on working days only. */
    DIGEST_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "förväntade TT:MM")
      .default("08:00"),
    /** How often each instance looks for due reminders; 0 turns the scheduler off. */
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** A claimed reminder not finished within this time is retried (its instance died). */
    SCHEDULER_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
    /** Reminders one instance claims at a time; fewer strand less when it dies, and shorten the lease's minimum. */
    SCHEDULER_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(50),
    /** The longest a 429 holds every send to the tenant, whatever Retry-After says (the throttled message itself waits all of it). */
    TEAMS_PAUSE_CAP_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
    /** A request to Teams not answered within this is abandoned and tried again later. */
    TEAMS_SEND_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    // cases
    /**
     * What a case reference looks like (a regular expression); personnummer are refused regardless.
     * The default wants at least three digits, so a name ("Zlatan Klientsson") is not a reference.
     */
    CASE_REF_PATTERN: z
      .string()
      .refine((pattern) => {
        try {
          new RegExp(pattern, "u");
          return true;
        } catch {
          return false;
        }
      }, "förväntade ett reguljärt uttryck")
      .default("^(?=(?:\\D*\\d){3})[\\p{L}\\d][\\p{L}\\d ./:_-]{2,39}$"),
    /** An example reference shown when one does not match CASE_REF_PATTERN. */
    CASE_REF_EXAMPLE: z.string().trim().min(1).default("FA-2026-0142"),
    // meetings
    /** Domains meeting participants may have (besides anyone in the directory); comma-separated. */
    MEETING_ALLOWED_DOMAINS: z
      .string()
      .default("stockholm.se")
      .transform((value) =>
        value
          .split(",")
          .map((item) => item.trim().toLowerCase())
          .filter((item) => item !== ""),
      )
      .pipe(z.array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, "förväntade domäner (stockholm.se,…)"))),
    /** Sends invitations through this SMTP server (smtp://user:pass@host:587); unset = local outbox. */
    SMTP_URL: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, "förväntade en SMTP-URL (smtp://… eller smtps://…)")
        .optional(),
    ),
    /** The sender (and iCalendar organizer) of meeting invitations. */
    MAIL_FROM: z.email().default("insatsguiden@stockholm.se"),
    /** Jobbtorg Alfa's functional mailbox: invited to every flerpartsmöte; Graph books in its calendar. */
    MEETING_MAILBOX_ALFA: z.email().default("alfa@stockholm.se"),
    /** Jobbtorg Iwork's functional mailbox (LSS cases meet Iwork); empty = Iwork is not offered. */
    MEETING_MAILBOX_IWORK: z
      .string()
      .trim()
      .default("iwork@stockholm.se")
      .transform((value) => (value === "" ? undefined : value))
      .pipe(z.email().optional()),
    /** Stockholm working hours meetings are booked in, on working days. */
    WORKING_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "förväntade TT:MM-TT:MM")
      .refine((text) => text.slice(0, 5) < text.slice(6), "förväntade en början före slutet")
      .default("08:00-17:00"),
    /** Microsoft Graph app-only credentials (client credentials); all three select the Graph adapter. */
    GRAPH_TENANT_ID: optionalString,
    GRAPH_CLIENT_ID: optionalString,
    GRAPH_CLIENT_SECRET: optionalString,
    GRAPH_BASE_URL: optionalString.pipe(z.url().optional()),
    /** Entra ID's sign-in host for the Graph token (sovereign clouds, a test stand-in); msal requires https. */
    GRAPH_AUTHORITY_HOST: z
      .url({ protocol: /^https$/, error: "förväntade en https-URL (https://login.microsoftonline.com)" })
      .default("https://login.microsoftonline.com"),
    /** A booking slower than this answers "Bokar…" and updates the card when done: invokes answer well under Teams' ~15 s, and a local outbox booking (milliseconds) shows its result directly. */
    MEETING_ANSWER_WITHIN_MS: z.coerce.number().int().min(0).max(12_000).default(1_000),
  })
  .superRefine((config, ctx) => {
    const minimumLease = minimumLeaseMs(config);
    if (config.SCHEDULER_LEASE_MS < minimumLease) {
      ctx.addIssue({
        code: "custom",
        path: ["SCHEDULER_LEASE_MS"],
        message: `måste vara minst ${minimumLease} ms med SCHEDULER_BATCH_SIZE, TEAMS_PAUSE_CAP_MS och TEAMS_SEND_TIMEOUT_MS som de är: så länge kan utskicksfarten hålla en påminnelse som redan tagits, och en kortare lease låter en annan instans skicka den en gång till`,
      });
    }
    if (
      config.MicrosoftAppId &&
      config.MicrosoftAppType !== "UserAssignedMSI" &&
      !config.MicrosoftAppPassword
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["MicrosoftAppPassword"],
        message: "krävs när MicrosoftAppId är satt (botens klienthemlighet)",
      });
    }
    // meetings: Graph is used only with all three credentials; a partial set is a mistake.
    const graph = ["GRAPH_TENANT_ID", "GRAPH_CLIENT_ID", "GRAPH_CLIENT_SECRET"] as const;
    if (graph.some((key) => config[key]) && !graph.every((key) => config[key])) {
      for (const key of graph.filter((k) => !config[k])) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: "krävs när någon av GRAPH_TENANT_ID, GRAPH_CLIENT_ID och GRAPH_CLIENT_SECRET är satt",
        });
      }
    }
    if (config.DIRECTORY_GROUP_MAPPING && !config.GRAPH_CLIENT_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["DIRECTORY_GROUP_MAPPING"],
        message:
          "kräver GRAPH_TENANT_ID, GRAPH_CLIENT_ID och GRAPH_CLIENT_SECRET (katalogen läses från Entra ID)",
      });
    }
    if (config.MicrosoftAppId && config.MicrosoftAppType === "SingleTenant" && !config.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: "custom",
        path: ["MicrosoftAppTenantId"],
        message: "krävs när MicrosoftAppType är SingleTenant",
      });
    }
  });

export type Config = z.infer<typeof configSchema> & {
  /** True when no Bot Framework app id is configured: loopback only, no JWT. */
  readonly localMode: boolean;
  /** The address the server binds to. */
  readonly bindHost: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Ogiltig konfiguration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses the environment; throws {@link ConfigError} naming each bad variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = issue.path.join(".") || "(okänd)";
        const raw = typeof issue.path[0] === "string" ? env[issue.path[0]] : undefined;
        const shown = raw === undefined ? "saknas" : `"${raw}"`;
        return `${variable} (${shown}): ${issue.message}`;
      }),
    );
  }
  const localMode = parsed.data.MicrosoftAppId === undefined;
  const bindHost = localMode ? "127.0.0.1" : (parsed.data.HOST ?? "0.0.0.0");
  return { ...parsed.data, localMode, bindHost };
}
