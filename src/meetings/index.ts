import path from "node:path";
import type { Config } from "../config.js";
import type { MeetingBooker } from "./booker.js";
import { GraphBooker, msalTokenProvider } from "./graph-booker.js";
import { OutboxBooker, SmtpBooker } from "./mail-booker.js";

export * from "./booker.js";
export * from "./slots.js";
export { MeetingService, type BookingInput } from "./service.js";
export type { Meeting } from "./repository.js";
export { GraphBooker, GraphError, msalTokenProvider, type GraphTokenProvider } from "./graph-booker.js";

/** The adapter this deployment uses: Graph when its credentials are set, else SMTP, else the local outbox. */
export function meetingBookerFor(config: Config): MeetingBooker {
  const { GRAPH_TENANT_ID: tenantId, GRAPH_CLIENT_ID: clientId, GRAPH_CLIENT_SECRET: clientSecret } = config;
  if (tenantId && clientId && clientSecret) {
    return new GraphBooker({
      tokens: msalTokenProvider({
        tenantId,
        clientId,
        clientSecret,
        authorityHost: config.GRAPH_AUTHORITY_HOST,
      }),
      ...(config.GRAPH_BASE_URL ? { baseUrl: config.GRAPH_BASE_URL } : {}),
    });
  }
  if (config.SMTP_URL) return new SmtpBooker(config.SMTP_URL, config.MAIL_FROM);
  return new OutboxBooker(path.join(config.DATA_DIR, "outbox"), config.MAIL_FROM);
}
