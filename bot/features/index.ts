import type { CommandRegistry } from "../commands.js";
import type { BotFeature } from "../feature.js";
import { casesFeature } from "./cases.js";
import { coreFeature } from "./core.js";
import { directoryFeature } from "./directory.js";
import { handoverFeature } from "./handover.js";
import { effectsFeature } from "./effects.js";
import { expertsFeature } from "./experts.js";
import { deadlinesFeature } from "./deadlines.js";
import { demoFeature } from "./demo.js";
import { meetingsFeature } from "./meetings.js";
import { remindersFeature } from "./reminders.js";
import { ordersFeature } from "./orders.js";
import { rulesFeature } from "./rules.js";

/** Every feature of the bot, in help-card order. Add a feature with one line here. */
export function allFeatures(commands: CommandRegistry): BotFeature[] {
  return [
    coreFeature(commands),
    casesFeature(),
    meetingsFeature(),
    remindersFeature(),
    deadlinesFeature(),
    ordersFeature(),
    rulesFeature(),
    expertsFeature(),
    directoryFeature(),
    handoverFeature(),
    effectsFeature(),
    demoFeature(),
  ];
}
