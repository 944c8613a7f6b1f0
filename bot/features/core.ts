import { z } from "zod";
import { helpCard } from "../../cards/basic.js";
import { renderCard } from "../../cards/render.js";
import { defineAction, type ActionDefinition } from "../actions.js";
import type { CommandRegistry } from "../commands.js";
import type { BotFeature } from "../feature.js";
import { sendCard } from "../replies.js";
import { scopeOf } from "../turn.js";

/** `hjälp` and the help button: lists the commands available in this kind of conversation. */
export function coreFeature(commands: CommandRegistry): BotFeature {
  const helpAction: ActionDefinition = defineAction({
    verb: "help.show",
    schema: z.object({}).loose(),
    async handle(context) {
      return {
        card: renderCard(helpCard, {
          commands: commands.helpEntries(scopeOf(context.turn.activity), context.user),
        }),
      };
    },
  });
  return {
    name: "core",
    actions: [helpAction],
    commands: [
      {
        names: ["hjälp", "help", "?"],
        help: { command: "hjälp", description: "Visar vad jag kan och vilka kommandon som finns." },
        async handle(context) {
          await sendCard(
            context.turn,
            renderCard(helpCard, { commands: commands.helpEntries(context.scope, context.user) }),
          );
        },
      },
    ],
  };
}
