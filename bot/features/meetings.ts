import { randomUUID } from "node:crypto";
import { CardFactory, MessageFactory, TurnContext } from "botbuilder";
import { z } from "zod";
import { noticeCard } from "../../cards/basic.js";
import { meetingBookCard, meetingDetailCard } from "../../cards/meetings.js";
import { renderCard, type AdaptiveCard } from "../../cards/render.js";
import type { CaseRecord } from "../../src/cases/repository.js";
import { isIsoDate, stockholmInstant } from "../../src/deadlines/index.js";
import { jobbtorgUnits, unitNames, type DirectoryUser } from "../../src/directory/directory.js";
import { defaultJobbtorgUnit, insatsShortNames } from "../../src/domain/case-types.js";
import { DomainError } from "../../src/errors.js";
import { looksLikeIdentityNumber } from "../../src/guard/personal-data.js";
import { roleLabels, meetingTimeText } from "../../src/meetings/invitation.js";
import type { Meeting } from "../../src/meetings/repository.js";
import type { AppServices } from "../../src/services.js";
import type { FieldErrors } from "../../src/validation.js";
import { defineAction, type ActionContext, type ActionResult } from "../actions.js";
import type { CommandContext, CommandDefinition } from "../commands.js";
import { messageFor } from "../error-messages.js";
import type { BotFeature } from "../feature.js";
import { sendCard, sendText } from "../replies.js";

// ---------------------------------------------------------------------------------------------
// Input schemas (Teams sends every input as a string)

const choiceMessage = "Välj ett alternativ.";
const dateMessage = "Ange ett datum (ÅÅÅÅ-MM-DD).";
const timeMessage = "Ange ett klockslag (TT:MM).";
const emptyToUndefined = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));
const optionalDate = emptyToUndefined.pipe(z.string().refine(isIsoDate, dateMessage).optional());
const optionalTime = emptyToUndefined.pipe(
  z
    .string()
    .transform((value) => value.slice(0, 5)) // some clients send HH:mm:ss
    .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, timeMessage))
    .optional(),
);
const emailCheck = z.email();

const bookingFields = {
  caseId: z.string().min(1).max(64),
  draftId: z.string().min(1).max(64),
  durationMinutes: z.coerce
    .number({ error: "Ange längden i minuter." })
    .int("Ange längden i hela minuter.")
    .min(15, "Ett möte är minst 15 minuter.")
    .max(480, "Ett möte är högst 480 minuter."),
  windowFrom: optionalDate,
  windowTo: optionalDate,
  jobbtorgUnit: z.enum(jobbtorgUnits, { error: choiceMessage }),
  specialistId: emptyToUndefined,
  extraAttendees: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(/[,;\s]+/)
        .map((part) => part.trim())
        .filter((part) => part !== ""),
    )
    .superRefine((addresses, ctx) => {
      // Checked joined: "850312 2395" was split at the space. Never echoed back.
      if (looksLikeIdentityNumber(addresses.join(" "))) {
        ctx.addIssue({ code: "custom", message: messageFor("MEETING.ADDRESS_PERSONNUMMER") });
        return;
      }
      const bad = addresses.find((address) => !emailCheck.safeParse(address).success);
      if (bad)
        ctx.addIssue({ code: "custom", message: messageFor("MEETING.ADDRESS_INVALID", { address: bad }) });
      if (addresses.length > 20) ctx.addIssue({ code: "custom", message: "Högst 20 extra deltagare." });
    }),
  clientAttends: z.enum(["ja", "nej"], { error: choiceMessage }).transform((value) => value === "ja"),
  slot: emptyToUndefined,
  proposedOn: optionalDate,
  proposedTime: optionalTime,
};

const windowOrder = (
  data: { windowFrom?: string | undefined; windowTo?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (data.windowFrom && data.windowTo && data.windowTo < data.windowFrom)
    ctx.addIssue({
      code: "custom",
      path: ["windowTo"],
      message: "Slutdatumet kan inte ligga före startdatumet.",
    });
};

const slotsSchema = z.object(bookingFields).loose().superRefine(windowOrder);

const bookSchema = z
  .object(bookingFields)
  .loose()
  .superRefine(windowOrder)
  .superRefine((data, ctx) => {
    if (data.slot) {
      if (Number.isNaN(Date.parse(data.slot)))
        ctx.addIssue({ code: "custom", path: ["slot"], message: messageFor("MEETING.SLOT_REQUIRED") });
      return;
    }
    if (data.proposedOn && !data.proposedTime)
      ctx.addIssue({ code: "custom", path: ["proposedTime"], message: timeMessage });
    else if (!data.proposedOn && data.proposedTime)
      ctx.addIssue({ code: "custom", path: ["proposedOn"], message: dateMessage });
    else if (!data.proposedOn)
      ctx.addIssue({ code: "custom", path: ["slot"], message: messageFor("MEETING.SLOT_REQUIRED") });
  });

const changeKey = { meetingId: z.string().min(1).max(64), seq: z.coerce.number().int().min(0) };
const rescheduleSchema = z
  .object({ ...changeKey, newOn: optionalDate, newTime: optionalTime })
  .loose()
  .superRefine((data, ctx) => {
    if (!data.newOn) ctx.addIssue({ code: "custom", path: ["newOn"], message: dateMessage });
    if (!data.newTime) ctx.addIssue({ code: "custom", path: ["newTime"], message: timeMessage });
  });

// ---------------------------------------------------------------------------------------------
// Cards

/** Submitted values to show again; anything shaped like a personnummer is dropped, never echoed. */
const stringValues = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) =>
      (typeof value === "string" || typeof value === "number") && !looksLikeIdentityNumber(String(value))
        ? [[key, String(value)]]
        : [],
    ),
  );

interface BookCardOptions {
  draftId?: string;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
  notice?: { text: string; color: "Good" | "Warning" | "Attention" };
  slots?: { start: Date; end: Date }[];
}

async function bookCard(services: AppServices, record: CaseRecord, options: BookCardOptions = {}) {
  const { meetings } = services;
  const window = meetings.defaultWindow();
  const hours = `${meetings.workingHours.start}–${meetings.workingHours.end}`;
  const caseworker = await services.directory.findUser(record.caseworkerId);
  const freeBusy = meetings.booker.freeBusy;
  // The case's insats decides the unit (LSS meets Iwork, socialpsykiatri Alfa); type D may meet either.
  const caseUnit = defaultJobbtorgUnit[record.type];
  const mailboxes = meetings
    .mailboxes()
    .filter((m) => record.type === "D" || caseUnit === undefined || m.unit === caseUnit);
  return renderCard(meetingBookCard, {
    caseId: record.id,
    draftId: options.draftId ?? randomUUID(),
    title: `Boka flerpartsmöte – ${record.caseRef}`,
    facts: [
      { title: "Ärende", value: record.caseRef },
      { title: "Insats", value: insatsShortNames[record.insats] },
      { title: "Handläggare", value: caseworker?.displayName ?? "okänd medarbetare" },
    ],
    notice: options.notice?.text ?? "",
    noticeColor: options.notice?.color ?? "Default",
    guidance:
      "Kallelsen går till dig, Jobbtorgs funktionsbrevlåda och dem du lägger till. Ämne och text innehåller bara ärendereferensen – skriv aldrig den enskildes namn här.",
    proposeText: freeBusy
      ? `Välj en ledig tid ovan (sök först), eller föreslå en egen tid inom arbetstid ${hours} på en arbetsdag.`
      : `Föreslå en tid inom arbetstid ${hours} på en arbetsdag. Insatsguiden ser inte deltagarnas kalendrar här, så stäm gärna av tiden först.`,
    freeBusy,
    unitChoices: mailboxes.map((m) => ({ title: `${unitNames[m.unit]} (${m.mailbox})`, value: m.unit })),
    specialistChoices: (await meetings.specialists()).map((s) => ({
      title: `${s.displayName} (${unitNames[s.unit]})`,
      value: s.id,
    })),
    slotChoices: (options.slots ?? []).map((slot) => ({
      title: meetingTimeText(slot.start, slot.end),
      value: slot.start.toISOString(),
    })),
    values: {
      durationMinutes: "60",
      windowFrom: window.from,
      windowTo: window.to,
      jobbtorgUnit: mailboxes.find((m) => m.unit === caseUnit)?.unit ?? mailboxes[0]?.unit ?? "alfa",
      clientAttends: "nej",
      ...stringValues(options.values ?? {}),
    },
    errors: options.errors ?? {},
  });
}

function detailCard(
  meeting: Meeting,
  options: {
    notice?: BookCardOptions["notice"];
    values?: Record<string, unknown>;
    errors?: FieldErrors;
  } = {},
): AdaptiveCard {
  const cancelled = meeting.state === "cancelled";
  const minutes = Math.round((meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000);
  return renderCard(meetingDetailCard, {
    meetingId: meeting.id,
    caseId: meeting.caseId,
    sequence: meeting.sequence,
    title: `${cancelled ? "Flerpartsmöte inställt" : "Flerpartsmöte bokat"} – ${meeting.caseRef}`,
    notice: options.notice?.text ?? "",
    noticeColor: options.notice?.color ?? "Default",
    facts: [
      { title: "Ärende", value: meeting.caseRef },
      { title: "Tid", value: `${meetingTimeText(meeting.startsAt, meeting.endsAt)} (${minutes} min)` },
      { title: "Jobbtorg", value: `${unitNames[meeting.jobbtorgUnit]} (${meeting.mailbox})` },
      {
        title: "Deltagare",
        value: [...new Set(meeting.attendees.map((a) => roleLabels[a.role]))].join(", "),
      },
      { title: "Den enskilde deltar", value: meeting.clientAttends ? "Ja" : "Nej" },
      ...(meeting.joinUrl ? [{ title: "Teams-möte", value: meeting.joinUrl }] : []),
    ],
    deliveredTo: deliveredToText(meeting.deliveredTo),
    canChange: !cancelled,
    values: stringValues(options.values ?? {}),
    errors: options.errors ?? {},
  });
}

/** Where the invitation went, without the local outbox's file name (users see no file names). */
export function deliveredToText(deliveredTo: string | null | undefined): string {
  if (!deliveredTo) return "";
  return deliveredTo.startsWith("den lokala utkorgen")
    ? "den lokala utkorgen (mappen outbox i datakatalogen)"
    : deliveredTo;
}

/** The booking card for a case at the flerpartsmöte step, or its booked meeting. */
async function startResult(
  services: AppServices,
  user: DirectoryUser,
  caseId: string,
): Promise<ActionResult> {
  const record = await services.meetings.loadCase(user, caseId);
  const active = await services.meetings.activeForCase(caseId);
  if (active) return { card: detailCard(active) };
  if (record.state.closed) return { message: messageFor("CASE.CLOSED") };
  if (record.state.step !== "flerpartsmote") return { message: messageFor("MEETING.WRONG_STEP") };
  return { card: await bookCard(services, record) };
}

function domainErrors(error: unknown): FieldErrors | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const field = error.details.field;
  return typeof field === "string" ? { [field]: messageFor(error.code, error.details) } : undefined;
}

function submittedData(context: ActionContext): Record<string, unknown> {
  return (
    (context.turn.activity.value as { action?: { data?: Record<string, unknown> } } | undefined)?.action
      ?.data ?? {}
  );
}

// ---------------------------------------------------------------------------------------------
// Slow adapters never block the card

/**
 * Answers with `work`'s card when it is ready within MEETING_ANSWER_WITHIN_MS; otherwise answers
 * "Bokar…" at once and replaces the clicked card when the work is done (Teams gives an invoke
 * about 15 s; Graph may take longer).
 */
async function answerInTime(
  context: ActionContext,
  work: Promise<ActionResult>,
  pending: { title: string; text: string },
): Promise<ActionResult> {
  const budget = context.services.config.MEETING_ANSWER_WITHIN_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = Symbol("late");
  const first = await Promise.race([
    work,
    new Promise<typeof late>((resolve) => {
      timer = setTimeout(() => resolve(late), budget);
    }),
  ]).finally(() => clearTimeout(timer));
  if (first !== late) return first;

  const { services } = context;
  const reference = TurnContext.getConversationReference(context.turn.activity);
  const clickedCardId = context.turn.activity.replyToId;
  const adapter = context.turn.adapter;
  void work
    .catch((error: unknown): ActionResult => {
      if (error instanceof DomainError) return { message: messageFor(error.code, error.details) };
      services.log.error({ err: { name: (error as Error).name } }, "late meeting work failed");
      return { message: messageFor("INTERNAL") };
    })
    .then(async (result) => {
      const card =
        "card" in result
          ? result.card
          : renderCard(noticeCard, { title: "Flerpartsmöte", text: result.message, color: "Attention" });
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
      await adapter.continueConversationAsync(
        services.config.MicrosoftAppId ?? "",
        reference,
        async (turn) => {
          if (clickedCardId) await turn.updateActivity({ ...activity, id: clickedCardId });
          else await turn.sendActivity(activity);
        },
      );
    })
    .catch((error: unknown) =>
      services.log.warn({ err: { name: (error as Error).name } }, "could not update the meeting card"),
    );
  return { card: renderCard(noticeCard, { ...pending, color: "Accent" }) };
}

// ---------------------------------------------------------------------------------------------
// Actions

const startAction = defineAction({
  verb: "meeting.start",
  personalChatOnly: true,
  schema: z.object({ caseId: z.string().min(1).max(64) }).loose(),
  async handle(context, data) {
    return startResult(context.services, context.user, data.caseId);
  },
});

async function invalidBooking(
  context: ActionContext,
  submitted: Record<string, unknown>,
  errors: FieldErrors,
) {
  if (typeof submitted.caseId !== "string") return { message: messageFor("ACTION.INVALID_DATA") };
  const record = await context.services.meetings.loadCase(context.user, submitted.caseId);
  return {
    card: await bookCard(context.services, record, {
      values: submitted,
      errors,
      ...(typeof submitted.draftId === "string" ? { draftId: submitted.draftId } : {}),
    }),
  };
}

/** How many slots were found, and whose calendars the search could not take into account. */
function slotNotice(found: number, unreadable: string[]): NonNullable<BookCardOptions["notice"]> {
  const count =
    found === 1
      ? "1 ledig tid hittades."
      : found > 1
        ? `${found} lediga tider hittades.`
        : "Inga gemensamma lediga tider i perioden. Prova en längre period.";
  if (unreadable.length === 0) return { text: count, color: found > 0 ? "Good" : "Warning" };
  const who = unreadable.length === 1 ? "Kalendern" : "Kalendrarna";
  const them = unreadable.length === 1 ? "den" : "dem";
  const list = unreadable.join(", ").replace(/, ([^,]*)$/, " och $1");
  return {
    text: `${count} ${who} för ${list} kunde inte läsas – tiderna tar inte hänsyn till ${them}.`,
    color: "Warning",
  };
}

const slotsAction = defineAction({
  verb: "meeting.slots",
  personalChatOnly: true,
  schema: slotsSchema,
  async handle(context, data) {
    // Read now: the turn (and its activity) is gone when a late answer is rendered.
    const submitted = submittedData(context);
    const work = (async (): Promise<ActionResult> => {
      const { meetings } = context.services;
      const record = await meetings.loadCase(context.user, data.caseId);
      const defaults = meetings.defaultWindow();
      const { slots, unreadable } = await meetings.findSlots(context.user, record.id, {
        durationMinutes: data.durationMinutes,
        window: { from: data.windowFrom ?? defaults.from, to: data.windowTo ?? defaults.to },
        jobbtorgUnit: data.jobbtorgUnit,
        ...(data.specialistId ? { specialistId: data.specialistId } : {}),
      });
      return {
        card: await bookCard(context.services, record, {
          draftId: data.draftId,
          values: submitted,
          slots,
          notice: slotNotice(slots.length, unreadable),
        }),
      };
    })();
    return answerInTime(context, work, {
      title: "Söker lediga tider…",
      text: "Insatsguiden frågar kalendrarna. Kortet uppdateras med tiderna när svaret kommer.",
    });
  },
  invalid: invalidBooking,
});

const bookAction = defineAction({
  verb: "meeting.book",
  personalChatOnly: true,
  schema: bookSchema,
  async handle(context, data) {
    // Read now: the turn (and its activity) is gone when a late answer is rendered.
    const submitted = submittedData(context);
    const work = (async (): Promise<ActionResult> => {
      const { meetings } = context.services;
      const record = await meetings.loadCase(context.user, data.caseId);
      const startsAt = data.slot
        ? new Date(data.slot)
        : stockholmInstant(data.proposedOn!, data.proposedTime!);
      try {
        const meeting = await meetings.book(context.user, record.id, {
          meetingId: data.draftId,
          startsAt,
          durationMinutes: data.durationMinutes,
          jobbtorgUnit: data.jobbtorgUnit,
          ...(data.specialistId ? { specialistId: data.specialistId } : {}),
          extraAttendees: data.extraAttendees,
          clientAttends: data.clientAttends,
        });
        // Another card booked the case's meeting first: show that one, nothing more was sent.
        const notice =
          meeting.id === data.draftId
            ? { text: "Flerpartsmötet är bokat.", color: "Good" as const }
            : {
                text: "Ärendet hade redan ett bokat flerpartsmöte – kortet visar det.",
                color: "Warning" as const,
              };
        return { card: detailCard(meeting, { notice }) };
      } catch (error) {
        const errors = domainErrors(error);
        if (!errors) {
          if (error instanceof DomainError && error.code === "MEETING.DELIVERY_FAILED") {
            return {
              card: await bookCard(context.services, record, {
                draftId: data.draftId,
                values: submitted,
                notice: { text: messageFor(error.code), color: "Attention" },
              }),
            };
          }
          throw error;
        }
        // A proposed time's error belongs next to the date the caseworker typed.
        const fieldFixed =
          errors.startsAt !== undefined ? { [data.slot ? "slot" : "proposedOn"]: errors.startsAt } : errors;
        return {
          card: await bookCard(context.services, record, {
            draftId: data.draftId,
            values: submitted,
            errors: fieldFixed,
          }),
        };
      }
    })();
    return answerInTime(context, work, {
      title: "Bokar…",
      text: "Insatsguiden bokar flerpartsmötet. Kortet uppdateras när bokningen är klar.",
    });
  },
  invalid: invalidBooking,
});

async function changeFailed(context: ActionContext, meetingId: string, error: unknown, values = {}) {
  const errors = domainErrors(error);
  const { meeting } = await context.services.meetings.loadFor(context.user, meetingId);
  if (errors) {
    const mapped = errors.startsAt !== undefined ? { newOn: errors.startsAt } : errors;
    return { card: detailCard(meeting, { values, errors: mapped }) };
  }
  if (error instanceof DomainError && error.code === "MEETING.DELIVERY_FAILED")
    return {
      card: detailCard(meeting, { values, notice: { text: messageFor(error.code), color: "Attention" } }),
    };
  throw error;
}

const staleNotice = {
  text: "Mötet hade redan ändrats – kortet visar det som det ser ut nu.",
  color: "Warning" as const,
};

const rescheduleAction = defineAction({
  verb: "meeting.reschedule",
  personalChatOnly: true,
  schema: rescheduleSchema,
  async handle(context, data) {
    // Read now: the turn (and its activity) is gone when a late answer is rendered.
    const submitted = submittedData(context);
    const work = (async (): Promise<ActionResult> => {
      try {
        const { meeting, changed } = await context.services.meetings.reschedule(
          context.user,
          data.meetingId,
          data.seq,
          stockholmInstant(data.newOn!, data.newTime!),
        );
        return {
          card: detailCard(meeting, {
            notice: changed
              ? { text: "Mötet är flyttat och en ny kallelse har skickats.", color: "Good" }
              : staleNotice,
          }),
        };
      } catch (error) {
        return changeFailed(context, data.meetingId, error, submitted);
      }
    })();
    return answerInTime(context, work, {
      title: "Flyttar mötet…",
      text: "Insatsguiden flyttar mötet. Kortet uppdateras när det är klart.",
    });
  },
  async invalid(context, submitted, errors) {
    if (typeof submitted.meetingId !== "string") return { message: messageFor("ACTION.INVALID_DATA") };
    const { meeting } = await context.services.meetings.loadFor(context.user, submitted.meetingId);
    return { card: detailCard(meeting, { values: submitted, errors }) };
  },
});

const cancelAction = defineAction({
  verb: "meeting.cancel",
  personalChatOnly: true,
  schema: z.object(changeKey).loose(),
  async handle(context, data) {
    const work = (async (): Promise<ActionResult> => {
      try {
        const { meeting, changed } = await context.services.meetings.cancel(
          context.user,
          data.meetingId,
          data.seq,
        );
        return {
          card: detailCard(meeting, {
            notice: changed
              ? { text: "Mötet är inställt och alla deltagare har fått en avbokning.", color: "Good" }
              : staleNotice,
          }),
        };
      } catch (error) {
        return changeFailed(context, data.meetingId, error);
      }
    })();
    return answerInTime(context, work, {
      title: "Ställer in mötet…",
      text: "Insatsguiden ställer in mötet. Kortet uppdateras när det är klart.",
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Command

async function reply(context: CommandContext, result: ActionResult): Promise<void> {
  if ("card" in result) await sendCard(context.turn, result.card);
  else await sendText(context.turn, result.message);
}

const bookCommand: CommandDefinition = {
  names: ["boka flerpartsmöte", "boka flerpartsmote"],
  help: {
    command: "boka flerpartsmöte [ärendereferens]",
    description: "Bokar flerpartsmötet med Jobbtorg för ett ärende, eller visar det bokade mötet.",
  },
  scopes: ["personal"],
  roles: ["handlaggare"],
  async handle(context, args) {
    const { services, user } = context;
    const ref = args.trim();
    if (!ref) {
      await sendText(
        context.turn,
        messageFor("MEETING.CASE_REF_REQUIRED", { example: services.cases.refFormat.example }),
      );
      return;
    }
    if (looksLikeIdentityNumber(ref)) {
      // Never looked up, never echoed.
      await sendText(context.turn, messageFor("CASE.REF_PERSONNUMMER"));
      return;
    }
    const record = await services.cases.repository.findByRef(ref);
    if (!record) {
      await sendText(context.turn, messageFor("CASE.NOT_FOUND"));
      return;
    }
    try {
      await reply(context, await startResult(services, user, record.id));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Another unit's case answers as a missing one: a reference is guessable, its existence not ours to tell.
      const code = error.code === "USER.FORBIDDEN" ? "CASE.NOT_FOUND" : error.code;
      await sendText(context.turn, messageFor(code, error.details));
    }
  },
};

/** Multi-party meetings: book, move and cancel a case's flerpartsmöte with Jobbtorg. */
export function meetingsFeature(): BotFeature {
  return {
    name: "meetings",
    commands: [bookCommand],
    actions: [startAction, slotsAction, bookAction, rescheduleAction, cancelAction],
  };
}
