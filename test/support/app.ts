import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CaseRules } from "../../src/cases/rules.js";
import { ManualClock, type Clock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger, type Logger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/main.js";
import { ConnectorStandIn } from "./connector-standin.js";
import {
  makeCardAction,
  makeInstall,
  makeMessage,
  type ConversationOptions,
  type DemoUser,
} from "./fixtures.js";
import { createPgSchema, dropPgSchema, postgresUrl, type DialectName } from "./stores.js";

export interface TestApp {
  app: RunningApp;
  connector: ConnectorStandIn;
  clock: Clock;
  dataDir: string;
  /** The PostgreSQL schema of this app's store, when it runs on PostgreSQL. */
  pgSchema: string | undefined;
  /** POSTs an activity to /api/messages; returns status and parsed body (invoke responses). */
  post(
    activity: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  say(
    user: DemoUser,
    text: string,
    options?: Partial<ConversationOptions>,
  ): Promise<{ status: number; body: unknown }>;
  act(
    user: DemoUser,
    verb: string,
    data: Record<string, unknown>,
    options?: Partial<ConversationOptions> & { replyToId?: string },
  ): Promise<{ status: number; body: InvokeBody }>;
  install(user: DemoUser, options?: Partial<ConversationOptions>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** The body of an adaptiveCard/action invoke response. */
export interface InvokeBody {
  statusCode: number;
  type: string;
  value: Record<string, unknown> & { body?: unknown[]; code?: string; message?: string };
}

/**
 * The whole bot on a random loopback port in local mode, with SQLite in a temp dir (or a
 * PostgreSQL schema), the demo directory, and a connector stand-in that records replies.
 */
export async function startTestApp(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    dialect?: DialectName;
    log?: Logger;
    rules?: CaseRules;
  } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-app-"));
  const connector = await ConnectorStandIn.start();
  const clock = options.clock ?? new ManualClock(new Date("2026-03-02T09:00:00+01:00"));
  // The reminder scheduler only runs when a test calls `app.scheduler.tick()` (or sets an interval).
  const config = loadConfig({
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    SCHEDULER_INTERVAL_MS: "0",
    ...options.env,
  });
  const pgSchema = options.dialect === "postgres" ? await createPgSchema() : undefined;
  const app = await startApp(config, {
    clock,
    log: options.log ?? silentLogger,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(pgSchema ? { store: { databaseUrl: postgresUrl, pgSchema } } : {}),
  });
  const conversation = (extra?: Partial<ConversationOptions>): ConversationOptions => ({
    serviceUrl: connector.url,
    ...extra,
  });
  const post = async (activity: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  };
  return {
    app,
    connector,
    clock,
    dataDir,
    pgSchema,
    post,
    say: (user, text, extra) => post(makeMessage(user, text, conversation(extra))),
    act: async (user, verb, data, extra) => {
      const result = await post(makeCardAction(user, verb, data, { ...conversation(extra), ...extra }));
      return { status: result.status, body: result.body as InvokeBody };
    },
    install: (user, extra) => post(makeInstall(user, conversation(extra))),
    async close() {
      await app.close();
      await connector.stop();
      if (pgSchema) await dropPgSchema(pgSchema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** All text of a card (TextBlocks, facts, titles), flattened, for content assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (
          typeof value === "string" &&
          ["text", "title", "value", "label", "placeholder", "errorMessage"].includes(key)
        ) {
          parts.push(value);
        } else walk(value);
      }
    }
  };
  walk(card);
  return parts.join("\n");
}
