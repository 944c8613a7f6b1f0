/**
 * `npm start`: the bot on embedded defaults (SQLite in DATA_DIR, demo directory, local mode on
 * 127.0.0.1) plus the Microsoft 365 Agents Playground to chat with it.
 * `npm start -- --som <förnamn|id>` makes another demo user the playground's current user.
 * `npm start -- --demo [--datum ÅÅÅÅ-MM-DD]` seeds demo cases (src/demo.ts) and plays on that day.
 */
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "./config.js";
import type { Directory, DirectoryUser } from "./directory/directory.js";
import { DemoClock, seedDemo } from "./demo.js";
import { startApp, type RunningApp } from "./main.js";
import { ensureTabBuilt } from "./tab/build.js";
import { seedDemoCases } from "./tab/demo-data.js";
import {
  playgroundConfigFileName,
  startPlayground,
  withCurrentUser,
  type RunningPlayground,
} from "./playground.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The demo user named by `--som`: directory id, first name or e-mail local part. */
async function findDemoUser(directory: Directory, wanted: string): Promise<DirectoryUser> {
  const needle = wanted.trim().toLowerCase();
  const users = await directory.listUsers();
  const found = users.find(
    (user) =>
      user.id.toLowerCase() === needle ||
      user.displayName.split(" ")[0]!.toLowerCase() === needle ||
      user.email?.split("@")[0]!.toLowerCase() === needle,
  );
  if (!found) {
    const known = users.map((user) => `${user.displayName.split(" ")[0]} (${user.id})`).join(", ");
    throw new Error(`Hittar ingen användare "${wanted}" i katalogen. Välj en av: ${known}`);
  }
  return found;
}

/** The playground config to use: the repo's file, or a copy with `--som`'s user as current user. */
async function playgroundConfigFor(app: RunningApp, som: string | undefined): Promise<string> {
  const repoConfig = path.join(repoRoot, playgroundConfigFileName);
  if (som === undefined) return repoConfig;
  const user = await findDemoUser(app.services.directory, som);
  const derived = path.join(app.services.config.DATA_DIR, "playground", playgroundConfigFileName);
  fs.mkdirSync(path.dirname(derived), { recursive: true });
  fs.writeFileSync(derived, withCurrentUser(fs.readFileSync(repoConfig, "utf8"), user));
  return derived;
}

/** `--demodata`: made-up cases to try the tab with, once (a store that has DEMO cases keeps them). */
async function addDemoCases(app: RunningApp): Promise<void> {
  const { services } = app;
  const existing = await services.store.db
    .selectFrom("cases")
    .select("id")
    .where("case_ref", "like", "DEMO-%")
    .executeTakeFirst();
  if (existing) return;
  process.stdout.write("Skapar 150 demoärenden…\n");
  await seedDemoCases(services, { count: 150 });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      som: { type: "string" },
      demo: { type: "boolean" },
      datum: { type: "string" },
      demodata: { type: "boolean" },
    },
  });
  if (values.datum !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.datum)) {
    throw new Error(`--datum ska vara ett datum som ÅÅÅÅ-MM-DD, inte "${values.datum}"`);
  }
  const config = loadConfig();
  if (!config.localMode) {
    process.stderr.write(
      "npm start kör boten lokalt mot Agents Playground och kräver att MicrosoftAppId är tomt.\n" +
        "Med en Azure Bot-registrering: starta servern med `npm run --silent cli -- serve`.\n",
    );
    return 1;
  }
  // The Teams tab's page (tab/), built when its sources changed since the last start.
  if (await ensureTabBuilt()) process.stdout.write("Fliken är byggd (tab/dist).\n");
  // The demo's day: --datum, or today; `datum <ÅÅÅÅ-MM-DD>` in the chat moves it (src/demo.ts).
  const app = await startApp(
    config,
    values.demo || values.datum ? { clock: new DemoClock(values.datum) } : {},
  );
  if (values.demo) {
    const seeded = await seedDemo(app.services);
    process.stdout.write(
      `Demoläge ${app.services.cases.today()}: ${seeded.created} nya demoärenden (${seeded.total} totalt), kanalerna i teamet Jobbtorg Alfa är kopplade.\n`,
    );
  }
  if (values.demodata) await addDemoCases(app);
  let playground: RunningPlayground;
  try {
    playground = await startPlayground({
      botEndpoint: `${app.url}/api/messages`,
      port: config.PLAYGROUND_PORT,
      configFile: await playgroundConfigFor(app, values.som),
      logFile: path.join(config.DATA_DIR, "playground.log"),
      onErrorOutput: (line) => process.stderr.write(`[playground] ${line}\n`),
    });
  } catch (error) {
    await app.close();
    throw error;
  }

  app.services.log.info({ bot: app.url, playground: playground.url }, "lokalt läge med Agents Playground");
  process.stdout.write(
    `\nInsatsguiden är igång – öppna ${playground.url} i webbläsaren för att prata med boten (Ctrl+C avslutar).\n` +
      `Teams-fliken (välj en demoanvändare): ${app.url}/tab/\n\n`,
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = async (reason: NodeJS.Signals | "playground-exit") => {
      if (stopping) return;
      stopping = true;
      app.services.log.info({ reason }, "stänger playground och bot");
      await Promise.all([playground.stop(reason === "playground-exit" ? "SIGTERM" : reason), app.close()]);
      resolve(reason === "playground-exit" ? 1 : 0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    void playground.exited.then((code) => {
      if (stopping) return;
      // Ctrl+C reaches the whole process group, so the playground may see it before we do.
      if (code === "SIGINT" || code === "SIGTERM") return void shutdown(code);
      process.stderr.write(`Agents Playground avslutades oväntat (${code}); stänger boten.\n`);
      void shutdown("playground-exit");
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `Kunde inte starta: ${(error as Error).message}`}\n`,
    );
    process.exit(1);
  },
);
