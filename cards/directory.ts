import { z } from "zod";
import { defineCard } from "./render.js";
import whoamiTemplate from "./templates/whoami.json" with { type: "json" };

/** `vem är jag`: the roles and units the bot sees for the person, and where it read them. */
export const whoamiCard = defineCard({
  name: "whoami",
  template: whoamiTemplate,
  schema: z.object({
    name: z.string().min(1),
    roles: z.array(z.object({ role: z.string().min(1), scope: z.string() })).min(1),
    source: z.string().min(1),
  }),
  sample: {
    name: "Anna Handläggare",
    roles: [{ role: "Handläggare", scope: "Socialpsykiatri, Farsta" }],
    source: "Rollerna kommer från dina grupper i stadens katalog (Entra ID).",
  },
});
