import { noticeCard } from "../../cards/basic.js";
import { renderCard } from "../../cards/render.js";
import { isAdmin } from "../../src/directory/directory.js";
import { DomainError } from "../../src/errors.js";
import type { HandlerName } from "../../src/events/wiring.js";
import type { CommandContext } from "../commands.js";
import type { BotFeature } from "../feature.js";
import { sendCard } from "../replies.js";

/** What each effect is, in words an admin reads (the names are those of src/events/wiring.ts). */
const effectNames: Record<HandlerName, string> = {
  scheduleGpReminders: "Påminnelser om genomförandeplanen",
  closeGpDeadline: "Avsluta fristen för genomförandeplanen",
  reopenGpDeadline: "Fristen för genomförandeplanen löper igen (komplettering)",
  scheduleFollowUpReminders: "Påminnelser om uppföljning",
  closeFollowUpDeadline: "Avsluta uppföljningsfristen",
  cancelCaseReminders: "Stoppa ärendets påminnelser",
  syncOrderCards: "Beställningskort till Jobbtorg",
  syncCaseOrderCards: "Ärendets beställningskort till Jobbtorg",
  tellCaseworkerPlanSent: "Besked till handläggaren: planen skickad",
  tellCaseworkerFollowUp: "Besked till handläggaren: uppföljning begärd",
  recordDecision: "Beslutsregistret",
  tellWhenNoChannel: "Besked om beställning som väntar på kopplad kanal",
  syncHandedOverOrderCards: "Beställningskort efter en överlämning",
  tellHandover: "Besked om en överlämning",
  postExpertQuestion: "Fråga till expertkanalen",
  tellAskerExpertAnswer: "Expertens svar till den som frågade",
  recordMeetingOnCase: "Flerpartsmötet i ärendet",
  scheduleMeetingReminder: "Påminnelse om flerpartsmötet",
  clearMeetingOnCase: "Inställt flerpartsmöte i ärendet",
  cancelMeetingReminder: "Stoppa påminnelsen om flerpartsmötet",
};

function requireAdmin(context: CommandContext): void {
  if (!isAdmin(context.user)) throw new DomainError("USER.FORBIDDEN");
}

/** For admins: effects of committed changes that gave up (dead letters), and trying one again. */
export function effectsFeature(): BotFeature {
  return {
    name: "effects",
    commands: [
      {
        names: ["misslyckade utskick"],
        help: {
          command: "misslyckade utskick",
          description: "För administratörer: kort, besked och påminnelser som gav upp efter flera försök.",
        },
        roles: ["admin"],
        async handle(context: CommandContext) {
          requireAdmin(context);
          const dead = await context.services.outbox.deadLetters();
          const lines = dead.map(
            (row) =>
              `- **${row.id}** · ${effectNames[row.handler as HandlerName] ?? row.handler} (${row.handler}) · ` +
              `${row.attempts} försök · fel: ${row.lastError ?? "okänt"} · gäller ${row.aggregateId ?? "–"}`,
          );
          await sendCard(
            context.turn,
            renderCard(noticeCard, {
              title: `Misslyckade utskick (${dead.length})`,
              text:
                dead.length === 0
                  ? "Inget har gett upp. Allt som ändrats har nått fram."
                  : `${lines.join("\n")}\n\nSkriv **försök igen <nummer>** för att försöka igen.`,
              color: dead.length === 0 ? "Good" : "Warning",
            }),
          );
        },
      },
      {
        names: ["försök igen"],
        help: {
          command: "försök igen <nummer>",
          description: "För administratörer: försöker ett misslyckat utskick igen.",
        },
        roles: ["admin"],
        async handle(context: CommandContext, args: string) {
          requireAdmin(context);
          const id = Number(args.trim());
          const { outbox, effects, clock } = context.services;
          const revived = Number.isInteger(id) && id > 0 && (await outbox.revive(id, clock.now()));
          if (revived) await effects.runNow([id]);
          await sendCard(
            context.turn,
            renderCard(noticeCard, {
              title: revived ? "Utskicket är gjort om" : "Inget sådant misslyckat utskick",
              text: revived
                ? "Det försöks igen nu; går det inte fram syns det åter under **misslyckade utskick**."
                : "Skriv **misslyckade utskick** för att se numren.",
              color: revived ? "Good" : "Warning",
            }),
          );
        },
      },
    ],
  };
}
