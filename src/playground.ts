import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The Microsoft 365 Agents Playground's own configuration file name, looked up in the working directory. */
export const playgroundConfigFileName = ".m365agentsplayground.yml";

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** The UI port; 0 lets the playground pick a free one. It also falls back to a free one when taken. */
  port: number;
  /** The playground configuration file (users, tenant, team and channels). */
  configFile: string;
  /** Where the playground writes its own log (it defaults to ./devTools otherwise). */
  logFile: string;
  /** How long to wait for the UI to answer before giving up. */
  startTimeoutMs?: number;
  /** Receives the playground's error output, line by line. */
  onErrorOutput?: (line: string) => void;
}

export interface RunningPlayground {
  /** The UI to open in a browser. */
  url: string;
  port: number;
  process: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  /** Sends `signal` (SIGTERM by default), waits for the exit, and kills it if it lingers. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export class PlaygroundStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlaygroundStartError";
  }
}

/** The playground's CLI script, resolved from node_modules (never fetched through npx). */
export function playgroundCliPath(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("@microsoft/m365agentsplayground/package.json");
  const manifest = JSON.parse(fs.readFileSync(packageJson, "utf8")) as { bin: Record<string, string> };
  const bin = manifest.bin["agentsplayground"];
  if (!bin)
    throw new PlaygroundStartError("@microsoft/m365agentsplayground saknar programmet agentsplayground");
  return path.join(path.dirname(packageJson), bin);
}

/**
 * Starts the Agents Playground as a child process talking to the bot in the msteams channel,
 * without telemetry and without opening a browser, and waits until its UI answers.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  if (!fs.existsSync(options.configFile)) {
    throw new PlaygroundStartError(`playgroundens konfigurationsfil saknas: ${options.configFile}`);
  }
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const child = spawn(
    process.execPath,
    [
      playgroundCliPath(),
      "--app-endpoint",
      options.botEndpoint,
      "--channel-id",
      "msteams",
      "--port",
      String(options.port),
      "--disable-telemetry",
    ],
    {
      env: {
        ...process.env,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: path.resolve(options.configFile),
        M365_AGENTS_PLAYGROUND_LOGFILE: path.resolve(options.logFile),
        TEAMSAPPTESTER_BROWSER: "none",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")),
  );
  const errorOutput: string[] = [];
  forEachLine(child.stderr, (line) => {
    errorOutput.push(line);
    options.onErrorOutput?.(line);
  });

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killTimer);
  };

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new PlaygroundStartError(`playgrounden startade inte inom ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      forEachLine(child.stdout, (line) => {
        const listening = /^Listening on (\d+)/.exec(line);
        if (listening) {
          clearTimeout(timer);
          resolve(Number(listening[1]));
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(
          new PlaygroundStartError(
            `playgrounden avslutades direkt (${code})${errorOutput.length ? `:\n${errorOutput.join("\n")}` : ""}`,
          ),
        );
      });
    });
    const url = `http://localhost:${port}`;
    await waitUntilAnswering(`http://127.0.0.1:${port}/`, timeoutMs);
    return { url, port, process: child, exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffered = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split(/\r?\n/);
    buffered = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
}

async function waitUntilAnswering(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet: try again below
    }
    if (Date.now() > deadline) throw new PlaygroundStartError(`playgrounden svarar inte på ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The part of a directory user the playground shows as "you". */
export interface PlaygroundUser {
  id: string;
  displayName: string;
  email?: string | undefined;
}

/**
 * The playground configuration text with `user` as the current user: rewrites the fields of the
 * top-level `currentUser:` block (keeping its channel `id`, so the other users' ids stay unique).
 */
export function withCurrentUser(configText: string, user: PlaygroundUser): string {
  const [givenName = user.displayName, ...rest] = user.displayName.split(" ");
  const email = user.email ?? `${user.id}@example.org`;
  const values: Record<string, string> = {
    name: user.displayName,
    aadObjectId: user.id,
    givenName,
    surname: rest.join(" ") || givenName,
    email,
    userPrincipleName: email,
  };
  const lines = configText.split("\n");
  const start = lines.findIndex((line) => /^currentUser:\s*$/.test(line));
  if (start < 0) throw new PlaygroundStartError("playgroundens konfigurationsfil saknar currentUser:");
  const seen = new Set<string>();
  for (let i = start + 1; i < lines.length && /^\s+\S/.test(lines[i]!); i++) {
    const field = /^(\s+)([A-Za-z]+):/.exec(lines[i]!);
    const key = field?.[2];
    if (field && key !== undefined && key in values) {
      // JSON strings are valid YAML double-quoted scalars.
      lines[i] = `${field[1]}${key}: ${JSON.stringify(values[key])}`;
      seen.add(key);
    }
  }
  if (!seen.has("aadObjectId")) {
    throw new PlaygroundStartError("playgroundens currentUser saknar aadObjectId:");
  }
  return lines.join("\n");
}
