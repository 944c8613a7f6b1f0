import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Server } from "restify";
import type { AppServices } from "../services.js";
import { TabAuthenticator } from "./auth.js";
import { registerTabRoutes } from "./routes.js";
import { TabService } from "./service.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The tab's front end (tab/), and where Vite writes the built page. */
export const tabSourceDir = path.join(repoRoot, "tab");
export const tabDistDir = path.join(tabSourceDir, "dist");

/** The tab's routes for the bot's server (src/server.ts `routes`), wired from the app's services. */
export function tabRoutes(services: AppServices): (server: Server) => void {
  const { config } = services;
  const service = new TabService({
    store: services.store,
    clock: services.clock,
    directory: services.directory,
    cases: services.cases,
    reminders: services.reminders.repository,
    appId: config.MicrosoftAppId,
  });
  const auth = new TabAuthenticator({
    directory: services.directory,
    appId: config.MicrosoftAppId,
    appIdUri: config.TAB_APP_ID_URI,
    tenants: [
      ...new Set([
        ...config.ALLOWED_TENANTS,
        ...(config.MicrosoftAppTenantId ? [config.MicrosoftAppTenantId] : []),
      ]),
    ],
    metadataUrl: config.TAB_OPENID_METADATA_URL,
  });
  return (server) =>
    registerTabRoutes(server, {
      service,
      auth,
      log: services.log,
      staticDir: tabDistDir,
      demoUsers: config.localMode ? () => services.directory.listUsers() : undefined,
    });
}
