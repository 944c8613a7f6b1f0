import type { ActionDefinition } from "./actions.js";
import type { CommandDefinition, FallbackHandler } from "./commands.js";

/** A slice of the bot: its card verbs, its text commands and (at most one feature) the free-text fallback. */
export interface BotFeature {
  name: string;
  actions?: ActionDefinition[];
  commands?: CommandDefinition[];
  fallback?: FallbackHandler;
}
