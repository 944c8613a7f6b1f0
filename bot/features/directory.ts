import { renderCard } from "../../cards/render.js";
import { whoamiCard } from "../../cards/directory.js";
import { describeRole } from "../../src/directory/describe.js";
import { EntraDirectory } from "../../src/directory/entra-directory.js";
import type { BotFeature } from "../feature.js";
import { sendCard } from "../replies.js";

/** `vem är jag`: what the directory says about the person writing, so they can check it themselves. */
export function directoryFeature(): BotFeature {
  return {
    name: "directory",
    commands: [
      {
        names: ["vem är jag", "whoami"],
        help: {
          command: "vem är jag",
          description: "Visar vilka roller och enheter Insatsguiden ser för dig.",
        },
        scopes: ["personal"],
        async handle({ turn, user, services }) {
          const source =
            services.directory instanceof EntraDirectory
              ? "Rollerna kommer från dina grupper i stadens katalog (Entra ID). Stämmer något inte: be din chef eller IT att ändra gruppmedlemskapet."
              : "Rollerna kommer från Insatsguidens katalogfil. Stämmer något inte: kontakta Insatsguidens administratör.";
          await sendCard(
            turn,
            renderCard(whoamiCard, { name: user.displayName, roles: user.roles.map(describeRole), source }),
          );
        },
      },
    ],
  };
}
