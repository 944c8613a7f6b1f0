/**
 * What a reminder says (Swedish). Pure: the scheduler gathers the data, this turns it into card
 * data; the same text serves personal chats and channels, which differ only in their buttons.
 */
import { channelReminderCard, digestCard, personalReminderCard } from "../../cards/reminders.js";
import { renderCard, type AdaptiveCard } from "../../cards/render.js";
import { unitNames, type Directory, type Unit } from "../directory/directory.js";
import { insatsShortNames, type CaseInsatsId } from "../domain/case-types.js";
import {
  gpRuleText,
  stockholmDate,
  workingDaysBetween,
  type GpDeadlineRule,
  type IsoDate,
} from "../deadlines/index.js";
import { getInsats, insatsIds, type InsatsId } from "../rules/index.js";
import type { Deadline, Reminder } from "./repository.js";
import type { DeadlineKind, ReminderKind } from "./schema.js";

/** Names the composer may show: staff names and insats short names — never client data. */
export interface MessageContext {
  today: IsoDate;
  staffName(userId: string): string;
  insatsName(insatsId: string): string;
}

/**
 * The insats's name as every card shows a case's insats: the case domain's one list
 * (src/domain/case-types.ts, insatsShortNames), so a reminder names it as the case card does;
 * an id outside it (never a case's) gets the rule module's name, else itself.
 */
export function insatsLabel(insatsId: string): string {
  if (insatsId in insatsShortNames) return insatsShortNames[insatsId as CaseInsatsId];
  return (insatsIds as readonly string[]).includes(insatsId)
    ? getInsats(insatsId as InsatsId).shortName
    : insatsId;
}

/** The names a reminder card may show, looked up once for a batch of cards. */
export async function messageContextFor(
  directory: Directory,
  now: Date,
  insatsName: (insatsId: string) => string = insatsLabel,
): Promise<MessageContext> {
  const users = await directory.listUsers();
  const names = new Map(users.map((user) => [user.id, user.displayName]));
  return {
    today: stockholmDate(now),
    staffName: (id) => names.get(id) ?? "okänd medarbetare",
    insatsName,
  };
}

/** A team channel's unit as people say it: "Socialpsykiatri Farsta", "Jobbtorg Alfa". */
export function channelTitle(unit: string, district?: string | null): string {
  return `${unitNames[unit as Unit] ?? unit}${district ? ` ${district}` : ""}`;
}

const deadlineKindLabels: Record<DeadlineKind, string> = {
  gp: "Genomförandeplan",
  "follow-up": "Uppföljning",
  meeting: "Flerpartsmöte",
};

/** "i dag", "om 3 arbetsdagar", "2 arbetsdagar sedan". */
export function relativeWorkingDays(today: IsoDate, dueOn: IsoDate): string {
  if (dueOn === today) return "i dag";
  const days = workingDaysBetween(today, dueOn);
  if (dueOn > today) return days === 1 ? "nästa arbetsdag" : `om ${days} arbetsdagar`;
  return days === -1 ? "1 arbetsdag sedan" : `${-days} arbetsdagar sedan`;
}

function titleFor(
  kind: ReminderKind,
  relative: string,
): { title: string; color: "Warning" | "Attention" | "Accent" } {
  switch (kind) {
    case "gp-before":
      return { title: `Genomförandeplanen ska vara klar ${relative}`, color: "Warning" };
    case "gp-due":
      return { title: "Genomförandeplanen ska vara klar i dag", color: "Warning" };
    case "gp-overdue":
      return { title: "Genomförandeplanen är försenad", color: "Attention" };
    case "follow-up-before":
      return { title: `Uppföljning ${relative}`, color: "Accent" };
    case "follow-up-due":
      return { title: "Uppföljningen ska göras i dag", color: "Warning" };
    case "follow-up-overdue":
      return { title: "Uppföljningen är försenad", color: "Attention" };
    case "meeting-before":
      return { title: "Flerpartsmöte nästa arbetsdag", color: "Accent" };
    case "digest":
      throw new Error("digest has its own card");
  }
}

function guidance(kind: ReminderKind, deadline: Deadline): string {
  const provider = unitNames[deadline.jobbtorg_unit as Unit] ?? "Utföraren";
  if (kind.startsWith("gp-")) {
    const rest =
      kind === "gp-overdue"
        ? `${provider} har inte skickat genomförandeplanen i tid. Handläggaren begär en komplettering; gruppledaren följer upp.`
        : `${provider} ska skicka genomförandeplanen. Handläggaren granskar att den stämmer med beställningen (tillämpningsanvisningarna för socialpsykiatrin, bilaga 1).`;
    return rest;
  }
  if (kind.startsWith("follow-up-")) {
    return kind === "follow-up-overdue"
      ? "Uppföljningen var sjätte månad är inte registrerad. Gruppledaren följer upp med handläggaren."
      : "Följ upp insatsen med DUR:s uppföljningsdel: behov, syfte och mål, och om insatsen ska fortsätta (tillämpningsanvisningarna för socialpsykiatrin, bilaga 1, avsnitt 3).";
  }
  return "Flerpartsmötet med Jobbtorg är bokat. Tid och deltagare finns i kallelsen.";
}

function facts(deadline: Deadline, context: MessageContext, inChannel: boolean) {
  const list = [
    { title: "Ärende", value: deadline.case_ref },
    { title: "Insats", value: context.insatsName(deadline.insats) },
  ];
  if (deadline.kind === "meeting" && deadline.starts_at !== null) {
    list.push({ title: "Möte", value: deadline.due_on });
  } else {
    list.push({
      title: "Sista dag",
      value: `${deadline.due_on} (${relativeWorkingDays(context.today, deadline.due_on)})`,
    });
  }
  if (deadline.kind === "gp" && deadline.rule) {
    list.push({ title: "Beräknad som", value: gpRuleText(deadline.rule as GpDeadlineRule) });
  }
  if (deadline.jobbtorg_unit)
    list.push({
      title: "Utförare",
      value: unitNames[deadline.jobbtorg_unit as Unit] ?? deadline.jobbtorg_unit,
    });
  if (inChannel) list.push({ title: "Handläggare", value: context.staffName(deadline.caseworker_id) });
  return list;
}

/** The card for one reminder to a person (`inChannel` false) or a team channel. */
export function reminderCard(
  reminder: Pick<Reminder, "id" | "kind">,
  deadline: Deadline,
  context: MessageContext,
  inChannel: boolean,
  status = "",
): AdaptiveCard {
  const { title, color } = titleFor(reminder.kind, relativeWorkingDays(context.today, deadline.due_on));
  const data = {
    title,
    text: guidance(reminder.kind, deadline),
    color,
    facts: facts(deadline, context, inChannel),
    reminderId: reminder.id,
    caseId: deadline.case_id,
    // "Klar" only where a step can be completed: the GP and the follow-up, not a meeting.
    showDone: !inChannel && status === "" && deadline.kind !== "meeting",
    showSnooze: !inChannel && status === "",
    status,
  };
  return inChannel ? renderCard(channelReminderCard, data) : renderCard(personalReminderCard, data);
}

export interface DigestInput {
  channelTitle: string;
  dateLabel: string;
  overdue: Deadline[];
  thisWeek: Deadline[];
  notices: string[];
}

/** The daily digest card; undefined when there is nothing to say. */
export function digestCardFor(input: DigestInput, context: MessageContext): AdaptiveCard | undefined {
  if (!input.overdue.length && !input.thisWeek.length && !input.notices.length) return undefined;
  const section = (heading: string, color: "Attention" | "Default", deadlines: Deadline[]) => ({
    heading,
    color,
    groups: (Object.keys(deadlineKindLabels) as DeadlineKind[])
      .map((kind) => ({
        label: deadlineKindLabels[kind],
        items: deadlines
          .filter((deadline) => deadline.kind === kind)
          .map((deadline) => ({
            caseId: deadline.case_id,
            caseRef: deadline.case_ref,
            insats: context.insatsName(deadline.insats),
            due: `${deadline.due_on} (${relativeWorkingDays(context.today, deadline.due_on)})`,
            responsible: context.staffName(deadline.caseworker_id),
            color,
          })),
      }))
      .filter((group) => group.items.length > 0),
  });
  const sections = [
    ...(input.overdue.length ? [section("Försenade", "Attention", input.overdue)] : []),
    ...(input.thisWeek.length ? [section("Den här veckan", "Default", input.thisWeek)] : []),
  ];
  return renderCard(digestCard, {
    title: `Dagens frister – ${input.channelTitle}`,
    summary: `${input.dateLabel} · ${input.overdue.length} försenade · ${input.thisWeek.length} den här veckan`,
    sections,
    notices: input.notices,
  });
}
