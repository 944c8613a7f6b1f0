import type { TurnContext } from "botbuilder";
import type { DirectoryUser, RoleName } from "../src/directory/directory.js";
import type { AppServices } from "../src/services.js";
import type { ConversationScope } from "./turn.js";

export interface CommandContext {
  turn: TurnContext;
  user: DirectoryUser;
  services: AppServices;
  scope: ConversationScope;
}

/**
 * A text command. `names` are matched case-insensitively at the start of the message, longest
 * first, with or without Swedish letters ("hjälp" = "hjalp"); the rest of the text is `args`.
 */
export interface CommandDefinition {
  names: string[];
  /** Shown on the help card. */
  help: { command: string; description: string };
  scopes?: ConversationScope[];
  /** Whom the command is for (the help card lists it only to them); everyone when absent. */
  roles?: RoleName[];
  handle(context: CommandContext, args: string): Promise<void>;
}

/** Free text that no command claims (the rule module's question answering, when it exists). */
export type FallbackHandler = (context: CommandContext, text: string) => Promise<void>;

export function foldSwedish(text: string): string {
  return text.toLocaleLowerCase("sv-SE").replace(/[åä]/g, "a").replace(/ö/g, "o").replace(/é/g, "e");
}

export class CommandRegistry {
  private readonly commands: CommandDefinition[] = [];
  private fallbackHandler: FallbackHandler | undefined;

  register(...definitions: CommandDefinition[]): this {
    this.commands.push(...definitions);
    return this;
  }

  setFallback(handler: FallbackHandler): this {
    if (this.fallbackHandler) throw new Error("Det finns redan en hanterare för fri text");
    this.fallbackHandler = handler;
    return this;
  }

  get fallback(): FallbackHandler | undefined {
    return this.fallbackHandler;
  }

  /** The commands for this kind of conversation and, given a user, for their roles. */
  helpEntries(scope: ConversationScope, user?: DirectoryUser): { command: string; description: string }[] {
    return this.commands
      .filter((c) => !c.scopes || c.scopes.includes(scope))
      .filter((c) => !user || !c.roles || user.roles.some((r) => c.roles!.includes(r.role)))
      .map((c) => c.help);
  }

  /** The command the text starts with, and the rest of the text. */
  match(text: string, scope: ConversationScope): { command: CommandDefinition; args: string } | undefined {
    return this.find(text, scope);
  }

  /**
   * A command the text names that belongs in another kind of conversation (e.g. `ny ansökan`
   * in a channel), so the bot can point there instead of treating it as a question.
   */
  elsewhere(text: string, scope: ConversationScope): CommandDefinition | undefined {
    return this.find(text, undefined, (c) => c.scopes !== undefined && !c.scopes.includes(scope))?.command;
  }

  private find(
    text: string,
    scope: ConversationScope | undefined,
    include: (command: CommandDefinition) => boolean = () => true,
  ): { command: CommandDefinition; args: string } | undefined {
    const folded = foldSwedish(text.trim());
    let best: { command: CommandDefinition; args: string; length: number } | undefined;
    for (const command of this.commands) {
      if (scope && command.scopes && !command.scopes.includes(scope)) continue;
      if (!include(command)) continue;
      for (const name of command.names) {
        const foldedName = foldSwedish(name);
        const matches = folded === foldedName || folded.startsWith(`${foldedName} `);
        if (matches && (!best || foldedName.length > best.length)) {
          best = { command, args: text.trim().slice(name.length).trim(), length: foldedName.length };
        }
      }
    }
    return best && { command: best.command, args: best.args };
  }
}
