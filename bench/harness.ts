import fs from "node:fs";
import { fork } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import restify from "restify";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/log.js";
import { startApp, type RunningApp } from "../src/main.js";
import { ConnectorStandIn } from "../test/support/connector-standin.js";
import type { LoadReply, LoadRequest } from "./load-generator.js";

const loadGeneratorFile = fileURLToPath(new URL("./load-generator.ts", import.meta.url));

/** One figure of a scenario: Insatsguiden's value, the same figure for the baseline, and value/baseline. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

/** A benchmark in `bench/scenarios/<file>.ts`, exported as `export const scenario`. */
export interface BenchScenario {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/** A bot under measurement: where to POST activities, and the connector stand-in it replies to. */
export interface BenchBot {
  /** `http://127.0.0.1:<port>/api/messages` */
  messagesUrl: string;
  /** Records the replies; put its `url` in the activities' `serviceUrl`. */
  connector: ConnectorStandIn;
  close(): Promise<void>;
}

/** The real Insatsguiden under measurement. */
export interface BenchInsatsguiden extends BenchBot {
  app: RunningApp;
  dataDir: string;
}

export interface MeasureHttpOptions {
  url: string;
  /** The JSON body of request number `i` (warm-up requests count from 0 too, before the measured ones). */
  makeBody(i: number): unknown;
  concurrency: number;
  /** Measured requests. */
  requests: number;
  /** Requests sent first and not measured (JIT, connection pool, SQLite cache). Default 0. */
  warmup?: number;
}

export interface HttpMeasurement {
  p50Ms: number;
  p99Ms: number;
  throughputRps: number;
  /**
   * CPU time (user + system) of this process per request, warm-up included: the bot's own cost,
   * steadier than latency on a shared VM (the load comes from another process).
   */
  cpuUsPerRequest: number;
  requests: number;
  concurrency: number;
}

export interface BenchContext {
  /**
   * Starts the real Insatsguiden (`startApp`, local mode, random loopback port, SQLite in a temp
   * dir, silent logger) with a connector stand-in. `env` overrides settings (e.g. `DATABASE_URL`).
   * Closed automatically after the scenario.
   */
  startBot(env?: Record<string, string>): Promise<BenchInsatsguiden>;
  /** A plain botbuilder echo bot (CloudAdapter + ActivityHandler on restify): the baseline. */
  startEchoBot(): Promise<BenchBot>;
  /** Sends `requests` POSTs at `concurrency`; throws on any non-2xx answer. */
  measureHttp(options: MeasureHttpOptions): Promise<HttpMeasurement>;
  log(line: string): void;
}

/** A result row comparing Insatsguiden's `value` with the baseline's. */
export function compare(name: string, unit: string, value: number, baseline: number): BenchResult {
  return {
    name,
    unit,
    value: round(value),
    baseline: round(baseline),
    ratio: baseline === 0 ? 0 : round(value / baseline),
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/**
 * Sends the requests from a child process (bench/load-generator.ts), as Teams' requests come from
 * outside the bot; the bodies are made here, so `makeBody` may close over the scenario's state.
 */
export async function measureHttp(options: MeasureHttpOptions): Promise<HttpMeasurement> {
  const warmup = options.warmup ?? 0;
  const request: LoadRequest = {
    url: options.url,
    bodies: Array.from({ length: warmup + options.requests }, (_, i) => JSON.stringify(options.makeBody(i))),
    warmup,
    concurrency: options.concurrency,
  };
  const child = fork(loadGeneratorFile, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  try {
    let cpuBefore: NodeJS.CpuUsage | undefined;
    const reply = await new Promise<LoadReply>((resolve, reject) => {
      child.once("message", (message) => resolve(message as LoadReply));
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`load generator exited (${code}) before answering`)));
      child.send(request);
      cpuBefore = process.cpuUsage();
    });
    const cpu = process.cpuUsage(cpuBefore);
    if ("error" in reply) throw new Error(reply.error);
    const latencies = [...reply.latencies].sort((a, b) => a - b);
    return {
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      throughputRps: options.requests / (reply.elapsedMs / 1000),
      cpuUsPerRequest: (cpu.user + cpu.system) / request.bodies.length,
      requests: options.requests,
      concurrency: options.concurrency,
    };
  } finally {
    child.removeAllListeners("exit");
    child.kill();
  }
}

/** The median of each figure over several measurements. */
export function medianMeasurement(measurements: readonly HttpMeasurement[]): HttpMeasurement {
  const median = (pick: (m: HttpMeasurement) => number) => {
    const sorted = measurements.map(pick).sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  };
  return {
    p50Ms: median((m) => m.p50Ms),
    p99Ms: median((m) => m.p99Ms),
    throughputRps: median((m) => m.throughputRps),
    cpuUsPerRequest: median((m) => m.cpuUsPerRequest),
    requests: measurements[0]?.requests ?? 0,
    concurrency: measurements[0]?.concurrency ?? 0,
  };
}

/**
 * Measures Insatsguiden and its baseline in alternating rounds and keeps each one's median: on a
 * shared VM a neighbour's burst then lands on both sides, not on whichever ran at that moment.
 */
export async function interleavedRounds(
  rounds: number,
  measureOurs: (round: number) => Promise<HttpMeasurement>,
  measureBaseline: (round: number) => Promise<HttpMeasurement>,
): Promise<{ ours: HttpMeasurement; baseline: HttpMeasurement }> {
  const ours: HttpMeasurement[] = [];
  const baseline: HttpMeasurement[] = [];
  for (let round = 0; round < rounds; round += 1) {
    ours.push(await measureOurs(round));
    baseline.push(await measureBaseline(round));
  }
  return { ours: medianMeasurement(ours), baseline: medianMeasurement(baseline) };
}

export async function startBot(env: Record<string, string> = {}): Promise<BenchInsatsguiden> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-bench-"));
  const connector = await ConnectorStandIn.start();
  try {
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env });
    const app = await startApp(config, { log: silentLogger });
    return {
      app,
      dataDir,
      connector,
      messagesUrl: `${app.url}/api/messages`,
      async close() {
        await app.close();
        await connector.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Replies with the text it got: the least a botbuilder bot can do per message. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(context.activity.text ?? "");
      await next();
    });
  }
}

export async function startEchoBot(): Promise<BenchBot> {
  const connector = await ConnectorStandIn.start();
  // No app id: unauthenticated, like Insatsguiden in local mode.
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppType: "MultiTenant" }),
  );
  const bot = new EchoBot();
  // The same transport as Insatsguiden (restify + body parser), so the ratio shows the bot's own cost.
  const server = restify.createServer({ name: "echo-baseline", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post("/api/messages", async (req: restify.Request, res: restify.Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    connector,
    messagesUrl: `http://127.0.0.1:${port}/api/messages`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connector.stop();
    },
  };
}

/** A context whose bots are closed by `dispose()`, whatever the scenario did. */
export function createBenchContext(log: (line: string) => void): BenchContext & { dispose(): Promise<void> } {
  const started: BenchBot[] = [];
  const track = <T extends BenchBot>(bot: T): T => {
    started.push(bot);
    return bot;
  };
  return {
    startBot: async (env) => track(await startBot(env)),
    startEchoBot: async () => track(await startEchoBot()),
    measureHttp,
    log,
    async dispose() {
      for (const bot of started.splice(0).reverse()) await bot.close();
    },
  };
}
