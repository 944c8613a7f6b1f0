import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { Directory, DirectoryUser } from "../directory/directory.js";

/**
 * Who is asking the tab API. In Teams: the single sign-on token from
 * `authentication.getAuthToken()`, validated here with jose — signature against Entra ID's
 * published keys (the JWKS named by the OpenID metadata), issuer, audience, the
 * `access_as_user` scope and the tenant — and its object id looked up in the directory.
 * In local mode (no app id) and only from loopback: a demo user chosen on the page.
 */
export type TabIdentity = { ok: true; user: DirectoryUser } | { ok: false; status: 401 | 403; code: string };

export interface TabAuthOptions {
  directory: Directory;
  /** The bot's app id; set = Teams SSO only, never a local identity. */
  appId: string | undefined;
  /** The app id URI the tab's token is issued for (`api://<host>/<app id>`), from the manifest. */
  appIdUri: string | undefined;
  /** Tenants whose users may sign in (ALLOWED_TENANTS plus the app's own tenant). */
  tenants: readonly string[];
  /** Entra ID's OpenID metadata (v2.0); a local stand-in in tests. */
  metadataUrl: string;
}

/** The scope the tab's app registration exposes for Teams SSO. */
export const tabScope = "access_as_user";

/** The header the local demo-user chooser sends (local mode on loopback only). */
export const demoUserHeader = "x-insatsguiden-demo-user";

interface Metadata {
  issuer: string;
  jwks: ReturnType<typeof createRemoteJWKSet>;
}

export class TabAuthenticator {
  private metadata: Promise<Metadata> | undefined;

  constructor(private readonly options: TabAuthOptions) {}

  /** True when a demo user may stand in for a signed-in one: local mode, asked from this machine. */
  localIdentityAllowed(remoteAddress: string | undefined): boolean {
    return this.options.appId === undefined && isLoopback(remoteAddress);
  }

  async identify(headers: {
    authorization?: string | undefined;
    demoUser?: string | undefined;
    remoteAddress: string | undefined;
  }): Promise<TabIdentity> {
    if (this.options.appId === undefined) {
      if (!this.localIdentityAllowed(headers.remoteAddress) || !headers.demoUser) {
        return { ok: false, status: 401, code: "TAB.SIGN_IN_REQUIRED" };
      }
      const user = await this.options.directory.findUser(headers.demoUser);
      return user ? { ok: true, user } : { ok: false, status: 403, code: "USER.UNKNOWN" };
    }
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(headers.authorization ?? "");
    if (!match) return { ok: false, status: 401, code: "TAB.SIGN_IN_REQUIRED" };
    let payload: JWTPayload;
    try {
      payload = await this.verify(match[1]!);
    } catch (error) {
      if (error instanceof TabTokenError) return { ok: false, status: error.status, code: error.code };
      if (error instanceof joseErrors.JOSEError) return { ok: false, status: 401, code: "TAB.TOKEN_INVALID" };
      throw error;
    }
    const oid = typeof payload.oid === "string" ? payload.oid : undefined;
    const user = oid ? await this.options.directory.findUser(oid) : undefined;
    return user ? { ok: true, user } : { ok: false, status: 403, code: "USER.UNKNOWN" };
  }

  private async verify(token: string): Promise<JWTPayload> {
    const appId = this.options.appId!;
    const { issuer, jwks } = await this.loadMetadata();
    const audience = [appId, ...(this.options.appIdUri ? [this.options.appIdUri] : [])];
    const { payload } = await jwtVerify(token, jwks, { algorithms: ["RS256"], audience, clockTolerance: 60 });
    const tenant = typeof payload.tid === "string" ? payload.tid : "";
    // v2.0 tokens name the tenant in the metadata's issuer template, v1.0 tokens in sts.windows.net.
    const issuers = [issuer.replace("{tenantid}", tenant), `https://sts.windows.net/${tenant}/`];
    if (!tenant || !issuers.includes(payload.iss ?? "")) throw new TabTokenError(401, "TAB.TOKEN_INVALID");
    if (!this.options.tenants.includes(tenant)) throw new TabTokenError(403, "TAB.TENANT_NOT_ALLOWED");
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ") : [];
    if (!scopes.includes(tabScope)) throw new TabTokenError(403, "TAB.SCOPE_MISSING");
    return payload;
  }

  private loadMetadata(): Promise<Metadata> {
    this.metadata ??= (async () => {
      const response = await fetch(this.options.metadataUrl, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`OpenID metadata answered ${response.status}`);
      const body = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
      if (typeof body.issuer !== "string" || typeof body.jwks_uri !== "string") {
        throw new Error("OpenID metadata without issuer or jwks_uri");
      }
      // jose caches the key set and fetches it again for an unknown key id (key rollover).
      return { issuer: body.issuer, jwks: createRemoteJWKSet(new URL(body.jwks_uri)) };
    })();
    // A failed fetch is tried again on the next request rather than remembered.
    this.metadata.catch(() => (this.metadata = undefined));
    return this.metadata;
  }
}

class TabTokenError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly code: string,
  ) {
    super(code);
  }
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}
