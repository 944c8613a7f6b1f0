import { DemoClock } from "../../src/demo.js";
import { isIsoDate } from "../../src/deadlines/index.js";
import type { BotFeature } from "../feature.js";
import { sendText } from "../replies.js";

/**
 * `datum <ÅÅÅÅ-MM-DD>` moves the demo's day (only when started with `--demo` or `--datum`), so a
 * booked meeting can be held and a decision made in one sitting. Elsewhere it says so and does nothing.
 */
export function demoFeature(): BotFeature {
  return {
    name: "demo",
    commands: [
      {
        names: ["datum"],
        help: { command: "datum <ÅÅÅÅ-MM-DD>", description: "I demoläget: spela demon på ett annat datum." },
        scopes: ["personal"],
        // Not on the help card (no role has it): the README and the demo's start line name it.
        roles: [],
        async handle({ services, turn }, args) {
          const clock = services.clock;
          if (!(clock instanceof DemoClock)) {
            await sendText(turn, "Datumet kan bara ändras i demoläget (`npm start -- --demo`).");
            return;
          }
          const date = args.trim();
          if (!isIsoDate(date)) {
            await sendText(turn, "Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. **datum 2026-12-10**.");
            return;
          }
          clock.setDate(date);
          await sendText(
            turn,
            `Demon spelas nu ${services.cases.today()}. Öppna ärendet igen för att se det nya läget.`,
          );
        },
      },
    ],
  };
}
