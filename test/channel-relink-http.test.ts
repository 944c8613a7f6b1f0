/**
 * `koppla kanal` in a channel already linked to another unit moves the link (one unit per
 * channel): the team leader is told which unit's link it replaced, so the other unit's
 * reminders and digest do not stop in silence — found when Nils linked the playground's General
 * (socialpsykiatri Farsta's) for Iwork in the browser journey.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversationKey } from "../src/store/conversations.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { demoUsers, type DemoUser } from "./support/fixtures.js";

const channelId = "19:general@thread.tacv2";
const inChannel = { scope: "channel" as const, channelId };

describe("koppla kanal in a channel another unit has", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SCHEDULER_INTERVAL_MS: "0" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function answerTo(user: DemoUser, text: string): Promise<string> {
    t.connector.clear();
    await t.say(user, text, inChannel);
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    return cardText(t.connector.cards()[0]);
  }

  it("says which unit's link it replaced", async () => {
    const karin = await answerTo(demoUsers.gruppledareSocialpsykiatri, "koppla kanal socialpsykiatri");
    expect(karin).toContain("Kanalen är kopplad till");
    expect(karin).not.toContain("tidigare");

    const nils = await answerTo(demoUsers.gruppledareIwork, "koppla kanal iwork");
    expect(nils).toContain("Kanalen är kopplad till Jobbtorg Iwork");
    expect(nils).toMatch(
      /Kanalen var tidigare kopplad till Socialpsykiatri Farsta: den enhetens påminnelser kommer inte längre hit/,
    );
    const linked = await t.app.services.reminders.repository.channelByKey(conversationKey.channel(channelId));
    expect(linked?.unit).toBe("iwork");

    // Linking it again for the same unit replaces nothing.
    expect(await answerTo(demoUsers.gruppledareIwork, "koppla kanal iwork")).not.toContain("tidigare");
  });
});
