/**
 * The directory as the bot uses it: `vem är jag` shows the roles and units the bot sees, and a
 * directory that cannot answer (Entra ID down past the stale bound) gets a Swedish refusal, never
 * a guessed role; `directory check` lists who gets which role.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TestAdapter, type Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageFor } from "../bot/error-messages.js";
import { createBotRuntime, type BotRuntime } from "../bot/index.js";
import { ManualClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import type { Directory } from "../src/directory/directory.js";
import { LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { DomainError } from "../src/errors.js";
import { silentLogger } from "../src/log.js";
import { createServices } from "../src/main.js";
import type { AppServices } from "../src/services.js";
import { cardText } from "./support/app.js";
import { cli } from "./support/cli.js";
import { demoUsers, makeCardAction, makeMessage } from "./support/fixtures.js";

const conversation = { serviceUrl: "https://smba.example.invalid/emea/" };
let dataDir: string;
let services: AppServices;
let runtime: BotRuntime;
let down = false;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-dirbot-"));
  const file = LocalFileDirectory.ensure(path.join(dataDir, "directory.json"));
  // A directory whose source can go down, as EntraDirectory does past its stale bound.
  const directory: Directory = {
    findUser: (id) => (down ? Promise.reject(new DomainError("DIRECTORY.UNAVAILABLE")) : file.findUser(id)),
    listUsers: () => file.listUsers(),
  };
  services = await createServices(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PORT: "0" }), {
    log: silentLogger,
    clock: new ManualClock(new Date("2026-03-02T09:00:00+01:00")),
    directory,
  });
  runtime = createBotRuntime(services);
});

afterAll(async () => {
  await services.store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function turn(activity: Record<string, unknown>): Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter((context) => runtime.bot.run(context));
  await adapter.processActivity(activity as Partial<Activity>);
  const sent: Partial<Activity>[] = [];
  for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) sent.push(reply);
  return sent;
}

const cardOf = (sent: Partial<Activity>[]) => sent[0]?.attachments?.[0]?.content as unknown;

describe("vem är jag", () => {
  it("shows a team leader her role, unit and district, and where they come from", async () => {
    const text = cardText(
      cardOf(await turn(makeMessage(demoUsers.gruppledareSocialpsykiatri, "vem är jag", conversation))),
    );
    expect(text).toContain("Karin Enhetschef");
    expect(text).toContain("Gruppledare");
    expect(text).toContain("Socialpsykiatri, Farsta");
    expect(text).toContain("katalogfil");
  });

  it("is matched without Swedish letters too", async () => {
    const text = cardText(
      cardOf(await turn(makeMessage(demoUsers.specialistAlfa, "Vem ar jag", conversation))),
    );
    expect(text).toContain("Arbetsspecialist");
    expect(text).toContain("Jobbtorg Alfa");
  });

  it("refuses in Swedish, without guessing, when the directory cannot answer", async () => {
    down = true;
    try {
      const sent = await turn(makeMessage(demoUsers.handlaggare, "vem är jag", conversation));
      expect(sent.map((a) => a.text)).toEqual([messageFor("DIRECTORY.UNAVAILABLE")]);
      const invoked = await turn(makeCardAction(demoUsers.handlaggare, "help.show", {}, conversation));
      const response = invoked.find((a) => a.type === "invokeResponse")?.value as {
        body: { value: unknown };
      };
      expect(JSON.stringify(response.body)).toContain("katalog (Entra ID) inte svarar");
    } finally {
      down = false;
    }
  });
});

describe("directory check", () => {
  it("lists who the directory gives which role", async () => {
    const result = await cli(["directory", "check", "--json"], { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      källa: string;
      användare: { namn: string; roller: string[] }[];
    };
    expect(parsed.källa).toBe("fil");
    expect(parsed.användare.find((u) => u.namn === "Karin Enhetschef")?.roller).toEqual([
      "Gruppledare (Socialpsykiatri, Farsta)",
    ]);
  });

  it("stops with the bad mapping entry named", async () => {
    const file = path.join(dataDir, "groups.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        groups: [
          {
            groupId: "11111111-1111-4111-8111-000000000001",
            name: "Farsta LSS",
            role: { role: "handlaggare", unit: "lss" },
          },
        ],
      }),
    );
    const result = await cli(["directory", "check"], {
      DATA_DIR: dataDir,
      DIRECTORY_GROUP_MAPPING: file,
      GRAPH_TENANT_ID: "t",
      GRAPH_CLIENT_ID: "c",
      GRAPH_CLIENT_SECRET: "s",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("groups.0.role.district (Farsta LSS)");
  });
});
