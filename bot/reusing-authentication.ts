import {
  AuthenticationConstants,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from "botframework-connector";
import { ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
import { LruCache } from "../src/lru-cache.js";

/** Distinct (app id, service URL, audience) clients kept; Teams uses a handful of service URLs. */
const clientLimit = 64;

/** The bot's app id as botbuilder reads it from a turn's claims (audience, else appid). */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ""
  );
}

/**
 * botbuilder's CloudAdapter builds a new Bot Connector client and a new user-token client for
 * every turn — each an Azure pipeline, about a tenth of a case step's CPU in the case-step bench —
 * although most turns (card actions) answer in the HTTP response and never call out. The clients
 * hold no per-turn state (credentials cache their own tokens), so, as the older
 * BotFrameworkAdapter did, they are built once per app id, service URL and audience and reused.
 * A client whose creation failed is not kept, so the next turn tries again.
 */
export class ReusingClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new LruCache<string, Promise<ConnectorClient>>(clientLimit);
  private readonly userTokenClients = new LruCache<string, Promise<UserTokenClient>>(clientLimit);

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    const factory = super.createConnectorFactory(identity);
    const appId = appIdOf(identity);
    const connectors = this.connectors;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return cached(connectors, `${appId}\n${serviceUrl}\n${audience ?? ""}`, () =>
          factory.create(serviceUrl, audience),
        );
      }
    })();
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return cached(this.userTokenClients, appIdOf(identity), () => super.createUserTokenClient(identity));
  }
}

function cached<V>(cache: LruCache<string, Promise<V>>, key: string, create: () => Promise<V>): Promise<V> {
  return cache.getOrCreate(key, () => {
    const created = create();
    created.catch(() => cache.delete(key));
    return created;
  });
}
