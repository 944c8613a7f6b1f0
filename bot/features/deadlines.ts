import { z } from "zod";
import { noticeCard } from "../../cards/basic.js";
import { renderCard, type AdaptiveCard } from "../../cards/render.js";
import type { DirectoryUser } from "../../src/directory/directory.js";
import { planOutstanding } from "../../src/domain/case.js";
import { DomainError } from "../../src/errors.js";
import { digestCardFor, insatsLabel, messageContextFor } from "../../src/reminders/messages.js";
import { unitDeadlines } from "../../src/reminders/unit-deadlines.js";
import type { AppServices } from "../../src/services.js";
import { defineAction } from "../actions.js";
import type { BotFeature } from "../feature.js";
import { sendCard } from "../replies.js";

/** The open deadlines now, as the digest shows them (channel-safe: refs, insats, dates, staff). */
async function deadlinesCard(services: AppServices, user: DirectoryUser): Promise<AdaptiveCard> {
  const context = await messageContextFor(services.directory, services.clock.now(), insatsLabel);
  const found = await unitDeadlines(
    {
      repository: services.reminders.repository,
      planSent: async (orderId) => {
        const order = await services.orders.get(orderId);
        if (!order?.gpSentOn) return false;
        const record = await services.cases.repository.get(order.caseId);
        return record !== undefined && !planOutstanding(record.state, order.gpSentOn);
      },
    },
    user,
    context.today,
  );
  if (!found) throw new DomainError("USER.FORBIDDEN");
  const card = digestCardFor(
    {
      channelTitle: found.title,
      dateLabel: `Just nu, ${context.today}`,
      overdue: found.overdue,
      thisWeek: found.thisWeek,
      notices: [],
    },
    context,
  );
  return (
    card ??
    renderCard(noticeCard, {
      title: `Frister – ${found.title}`,
      text: "Inga försenade frister och inga frister den här veckan.",
      color: "Good",
    })
  );
}

/** `frister` and the digest's button: the deadlines the user answers for, on demand (src/reminders/unit-deadlines.ts). */
export function deadlinesFeature(): BotFeature {
  return {
    name: "deadlines",
    commands: [
      {
        names: ["frister", "dagens frister", "sammanfattning"],
        help: {
          command: "frister",
          description:
            "Öppna frister nu, försenade först och sedan veckans: dina ärendens, eller hela enhetens för gruppledare.",
        },
        scopes: ["personal", "channel"],
        roles: ["handlaggare", "arbetsspecialist", "gruppledare", "admin"],
        async handle({ services, user, turn }) {
          await sendCard(turn, await deadlinesCard(services, user));
        },
      },
    ],
    actions: [
      defineAction({
        verb: "deadlines.show",
        schema: z.object({}).loose(),
        async handle(context) {
          return { card: await deadlinesCard(context.services, context.user) };
        },
      }),
    ],
  };
}
