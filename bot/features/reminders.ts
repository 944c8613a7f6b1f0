import { z } from "zod";
import { noticeCard } from "../../cards/basic.js";
import { renderCard } from "../../cards/render.js";
import {
  allUnits,
  isAdmin,
  isJobbtorgUnit,
  leadsUnit,
  rolesOf,
  type DirectoryUser,
  type Unit,
} from "../../src/directory/directory.js";
import { DomainError } from "../../src/errors.js";
import type { AppServices } from "../../src/services.js";
import { channelTitle, messageContextFor, reminderCard } from "../../src/reminders/messages.js";
import type { Deadline, Reminder } from "../../src/reminders/repository.js";
import { defineAction, type ActionContext } from "../actions.js";
import { foldSwedish, type CommandContext } from "../commands.js";
import type { BotFeature } from "../feature.js";
import { sendCard } from "../replies.js";
import { conversationTarget } from "../turn.js";

/** `koppla kanal <enhet> [stadsdel]` → the unit and district; the district defaults to the leader's own. */
export function parseChannelArgs(
  args: string,
  user: DirectoryUser,
): { unit: Unit; district: string | undefined } | undefined {
  const [first, ...rest] = args.trim().split(/\s+/);
  const unit = allUnits.find((candidate) => foldSwedish(candidate) === foldSwedish(first ?? ""));
  if (!unit) return undefined;
  if (isJobbtorgUnit(unit)) return { unit, district: undefined };
  const named = rest.join(" ").trim();
  const own = rolesOf(user, "gruppledare").find((role) => role.unit === unit)?.district;
  return { unit, district: named === "" ? own : named };
}

/** The reminder's addressee, the team leaders of the deadline's units, and admins may act on it. */
function mayAct(user: DirectoryUser, reminder: Reminder, deadline: Deadline): boolean {
  return (
    reminder.target === `user:${user.id}` ||
    deadline.caseworker_id === user.id ||
    leadsUnit(user, deadline.caseworker_unit as Unit, deadline.district ?? undefined) ||
    (deadline.jobbtorg_unit !== null && leadsUnit(user, deadline.jobbtorg_unit as Unit)) ||
    isAdmin(user)
  );
}

/** The reminder's card in the person's own chat, with what the button just did. */
async function personalReminderCard(
  services: AppServices,
  reminder: Reminder,
  deadline: Deadline,
  status: string,
) {
  const context = await messageContextFor(services.directory, services.clock.now());
  return reminderCard(reminder, deadline, context, false, status);
}

async function loadForAction(context: ActionContext, reminderId: number) {
  const { repository } = context.services.reminders;
  const reminder = await repository.getReminder(reminderId);
  const deadline = reminder?.deadline_id ? await repository.getDeadline(reminder.deadline_id) : undefined;
  if (!reminder || !deadline) throw new DomainError("REMINDER.NOT_FOUND");
  if (!mayAct(context.user, reminder, deadline)) throw new DomainError("USER.FORBIDDEN");
  return { reminder, deadline };
}

const reminderActionSchema = z.object({ reminderId: z.coerce.number().int().positive() });

/** Reminders: team leaders connect their channel; Klar and Påminn mig i morgon on reminder cards. */
export function remindersFeature(): BotFeature {
  return {
    name: "reminders",
    commands: [
      {
        names: ["koppla kanal"],
        help: {
          command: "koppla kanal <enhet>",
          description: "För gruppledare: kanalen får enhetens påminnelser och en daglig sammanfattning.",
        },
        roles: ["gruppledare", "admin"],
        async handle(context: CommandContext, args: string) {
          const { services, user, turn } = context;
          const target = conversationTarget(turn.activity, services.config.localMode);
          if (context.scope !== "channel" || target?.kind !== "channel")
            throw new DomainError("CHANNEL.TEAM_ONLY");
          const parsed = parseChannelArgs(args, user);
          if (!parsed) throw new DomainError("CHANNEL.UNIT_REQUIRED", { units: allUnits.join(", ") });
          if (!leadsUnit(user, parsed.unit, parsed.district) && !isAdmin(user)) {
            throw new DomainError("USER.FORBIDDEN");
          }
          const scopeKey = parsed.district ? `${parsed.unit}:${parsed.district}` : parsed.unit;
          // One unit per channel: linking moves the link, so say whose reminders stop coming here.
          const previous = await services.reminders.repository.channelByKey(target.key);
          const replaced =
            previous && previous.scope_key !== scopeKey
              ? channelTitle(previous.unit, previous.district)
              : undefined;
          await services.reminders.repository.registerChannel({
            channel_key: target.key,
            scope_key: scopeKey,
            unit: parsed.unit,
            district: parsed.district ?? null,
            registered_by: user.id,
            registered_at: services.clock.now().getTime(),
          });
          await services.audit.record({
            at: services.clock.now(),
            actor: user.id,
            action: "channel.register",
            detail: scopeKey,
          });
          const name = channelTitle(parsed.unit, parsed.district);
          await sendCard(
            turn,
            renderCard(noticeCard, {
              title: `Kanalen är kopplad till ${name}`,
              text:
                `Här kommer påminnelser om försenade frister för ${name}` +
                (isJobbtorgUnit(parsed.unit) ? " och nya beställningar" : "") +
                `, och varje arbetsdag kl. ${services.config.DIGEST_TIME} en sammanfattning av veckans frister. ` +
                "Korten visar bara ärendereferens, insats, datum och ansvarig medarbetare." +
                (replaced
                  ? ` Kanalen var tidigare kopplad till ${replaced}: den enhetens påminnelser kommer inte längre hit, och dess gruppledare behöver koppla en annan kanal.`
                  : ""),
              color: replaced ? "Warning" : "Good",
            }),
          );
          // Orders that waited for this channel are posted now.
          if (isJobbtorgUnit(parsed.unit))
            await services.effects.wake(["syncOrderCards", "syncCaseOrderCards"], "no-channel");
        },
      },
    ],
    actions: [
      defineAction({
        verb: "reminder.done",
        schema: reminderActionSchema,
        async handle(context, data) {
          const { reminder, deadline } = await loadForAction(context, data.reminderId);
          const closed = await context.services.reminders.markDone(deadline.id, context.user.id);
          if (closed) {
            await context.services.audit.record({
              at: context.services.clock.now(),
              actor: context.user.id,
              action: `deadline.done.${deadline.kind}`,
              caseRef: deadline.case_ref,
            });
          }
          const status = `Klart – markerat av ${context.user.displayName}.`;
          return { card: await personalReminderCard(context.services, reminder, deadline, status) };
        },
      }),
      defineAction({
        verb: "reminder.snooze",
        schema: reminderActionSchema,
        async handle(context, data) {
          const { reminder, deadline } = await loadForAction(context, data.reminderId);
          const on = await context.services.reminders.snooze(reminder.id);
          const status = on ? `Jag påminner dig igen ${on}.` : "Fristen är redan avklarad.";
          return { card: await personalReminderCard(context.services, reminder, deadline, status) };
        },
      }),
    ],
  };
}
