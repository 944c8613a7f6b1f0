import {
  AuthenticationConstants,
  AuthenticationError,
  EmulatorValidation,
  type AuthenticateRequestResult,
} from "botframework-connector";
import {
  CloudAdapter,
  type Activity,
  type InvokeResponse,
  type TurnContext,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Request,
  type Response,
} from "botbuilder";
import type { AppServices } from "../src/services.js";
import { ActionRegistry } from "./actions.js";
import { activityShape, activityShapeMessage } from "./activity-shape.js";
import { CommandRegistry } from "./commands.js";
import { withBotbuilderConsole } from "./console-routing.js";
import { messageFor } from "./error-messages.js";
import { allFeatures } from "./features/index.js";
import { InsatsguidenBot } from "./insatsguiden-bot.js";
import { installOpenIdNegativeCache } from "./openid-negative-cache.js";
import { ProactiveSender } from "./delivery/messenger.js";
import { TeamsRateLimiter } from "../src/pacing.js";
import { StoreSendBudget } from "../src/store/send-budget.js";
import { ReusingClientsAuthentication } from "./reusing-authentication.js";
import { tenantOf } from "./turn.js";

/** Exposes the adapter's authenticated entry point, so authentication failures are ours to answer. */
class InsatsguidenAdapter extends CloudAdapter {
  runAuthenticated(
    identity: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(identity, activity, logic);
  }
}

const tokenFailures = new Set([
  "AuthenticationError",
  "JsonWebTokenError",
  "TokenExpiredError",
  "NotBeforeError",
]);

function reply(res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}

export interface BotRuntime {
  adapter: CloudAdapter;
  bot: InsatsguidenBot;
  actions: ActionRegistry;
  commands: CommandRegistry;
  /** Writes first (reminders, digests) through the Bot Connector, paced under Teams' limits. */
  sender: ProactiveSender;
  /** Handles one POST /api/messages (restify's req/res satisfy botbuilder's Request/Response). */
  handleMessages(req: Request, res: Response): Promise<void>;
}

function authenticationOptions(services: AppServices): ConfigurationBotFrameworkAuthenticationOptions {
  const { config } = services;
  // Overriding one endpoint makes botbuilder treat the cloud as custom and forget the rest:
  // restate the public cloud's values next to the overridden metadata URL.
  const customMetadata = config.BOT_OPENID_METADATA_URL
    ? {
        ToBotFromChannelOpenIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
        ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        ToChannelFromBotLoginUrl: `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${
          config.MicrosoftAppTenantId ?? AuthenticationConstants.DefaultChannelAuthTenant
        }`,
        ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
        OAuthUrl: AuthenticationConstants.OAuthUrl,
        CallerId: "urn:botframework:azure",
        ValidateAuthority: true,
      }
    : {};
  return {
    ...customMetadata,
    MicrosoftAppId: config.MicrosoftAppId ?? "",
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? "",
    // Local mode has no app registration at all; botbuilder treats that as an unauthenticated MultiTenant bot.
    MicrosoftAppType: config.localMode ? "MultiTenant" : config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? "",
  };
}

export function createBotRuntime(services: AppServices): BotRuntime {
  const { config, log } = services;
  installOpenIdNegativeCache();
  const authentication = new ReusingClientsAuthentication(authenticationOptions(services));
  const adapter = new InsatsguidenAdapter(authentication);

  adapter.onTurnError = async (context, error) => {
    log.error(
      {
        err: { name: (error as Error).name, message: (error as Error).message },
        type: context.activity.type,
      },
      "turn failed",
    );
    if (context.activity.type === "message") {
      await context.sendActivity(messageFor("INTERNAL")).catch(() => undefined);
    }
  };

  const commands = new CommandRegistry();
  const actions = new ActionRegistry();
  for (const feature of allFeatures(commands)) {
    if (feature.actions) actions.register(...feature.actions);
    if (feature.commands) commands.register(...feature.commands);
    if (feature.fallback) commands.setFallback(feature.fallback);
  }
  const bot = new InsatsguidenBot(services, actions, commands);
  const allowedTenants = new Set(config.ALLOWED_TENANTS);

  return {
    adapter,
    bot,
    actions,
    commands,
    sender: new ProactiveSender(
      adapter,
      config.MicrosoftAppId ?? "",
      services.conversations,
      // The tenant's 50/s shared with every instance through the store.
      new TeamsRateLimiter({
        sharedBudget: new StoreSendBudget(services.store, undefined, {
          sendTimeoutMs: config.TEAMS_SEND_TIMEOUT_MS,
        }),
        tenantPauseCapMs: config.TEAMS_PAUSE_CAP_MS,
      }),
      config.TEAMS_SEND_TIMEOUT_MS,
    ),
    handleMessages: (req, res) => withBotbuilderConsole(log, () => handleMessages(req, res)),
  };

  async function handleMessages(req: Request, res: Response): Promise<void> {
    if (allowedTenants.size > 0) {
      const tenant = tenantOf((req.body ?? {}) as Parameters<typeof tenantOf>[0]);
      if (!tenant || !allowedTenants.has(tenant)) {
        log.warn({ tenant: tenant ?? null }, "activity from a tenant outside ALLOWED_TENANTS refused");
        res.status(403);
        res.send({ error: "Organisationen (tenant) har inte tillgång till Insatsguiden." });
        res.end();
        return;
      }
    }
    const activity = req.body as Partial<Activity> | undefined;
    if (!activity || typeof activity !== "object" || Array.isArray(activity)) {
      reply(res, 400, { error: "Förfrågan måste vara en Bot Framework-aktivitet." });
      return;
    }
    // Wrong types in fields botbuilder reads would end in a 500/501: the caller's mistake, a 400.
    if (!activityShape.safeParse(activity).success) {
      reply(res, 400, { error: activityShapeMessage });
      return;
    }
    const authorization = String(req.headers?.authorization ?? "");
    // Teams sends channel tokens only; an emulator or bot token would send botbuilder to
    // Microsoft's emulator metadata for nothing.
    if (!config.localMode && EmulatorValidation.isTokenFromEmulator(authorization)) {
      reply(res, 401, { error: "Obehörig: token från emulatorn tas inte emot." });
      return;
    }
    let identity: AuthenticateRequestResult;
    try {
      identity = await authentication.authenticateRequest(activity as Activity, authorization);
    } catch (error) {
      // botbuilder lets a badly signed token escape as a 500, and a token whose keys cannot be
      // fetched as any error: a token we cannot verify is unauthorized, 401.
      if (!tokenFailures.has((error as Error).name) && !(error instanceof AuthenticationError)) {
        log.warn({ err: { name: (error as Error).name } }, "could not validate the Bot Framework token");
      }
      reply(res, 401, { error: "Obehörig." });
      return;
    }
    const invokeResponse = await adapter.runAuthenticated(identity, activity as Activity, (context) =>
      bot.run(context),
    );
    // botbuilder answers an invoke it has no handler for with 501: for the caller, a request we do not take.
    if (invokeResponse?.status === 501) {
      reply(res, 400, { error: "Den här typen av anrop stöds inte." });
      return;
    }
    reply(res, invokeResponse?.status ?? 200, invokeResponse?.body);
  }
}
