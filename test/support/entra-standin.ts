import http from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";

/**
 * A local stand-in for Entra ID's OpenID metadata (v2.0) and its JWKS, signing real RS256 tokens
 * the way Teams single sign-on hands them to a tab (`authentication.getAuthToken()`): the tab API
 * validates them for real, without the network. `forge` signs with a key the JWKS does not hold.
 */
export class EntraStandIn {
  private server: http.Server | undefined;
  metadataUrl = "";
  private readonly keyId = "entra-test-key";

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicJwk: Record<string, unknown>,
  ) {}

  static async start(): Promise<EntraStandIn> {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const standIn = new EntraStandIn(privateKey, {
      ...(await exportJWK(publicKey)),
      kid: "entra-test-key",
      use: "sig",
    });
    standIn.server = http.createServer((req, res) => {
      res.setHeader("content-type", "application/json");
      const base = standIn.metadataUrl.replace(/\/common\/v2\.0\/\.well-known\/openid-configuration$/, "");
      if (req.url === "/common/v2.0/.well-known/openid-configuration") {
        res.end(
          JSON.stringify({
            issuer: "https://login.microsoftonline.com/{tenantid}/v2.0",
            jwks_uri: `${base}/common/discovery/v2.0/keys`,
          }),
        );
      } else if (req.url === "/common/discovery/v2.0/keys") {
        res.end(JSON.stringify({ keys: [standIn.publicJwk] }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
    await new Promise<void>((resolve) => standIn.server!.listen(0, "127.0.0.1", resolve));
    const { port } = standIn.server.address() as AddressInfo;
    standIn.metadataUrl = `http://127.0.0.1:${port}/common/v2.0/.well-known/openid-configuration`;
    return standIn;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** A Teams SSO token (v2.0) for `oid` in `tid`, for `aud`; any claim can be overridden. */
  async sign(
    claims: { oid: string; tid: string; aud: string } & JWTPayload,
    options: { key?: CryptoKey; expiresIn?: string } = {},
  ): Promise<string> {
    return new SignJWT({
      iss: `https://login.microsoftonline.com/${claims.tid}/v2.0`,
      scp: "access_as_user",
      ver: "2.0",
      ...claims,
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.keyId })
      .setIssuedAt()
      .setNotBefore("-1 minute")
      .setExpirationTime(options.expiresIn ?? "1 hour")
      .sign(options.key ?? this.privateKey);
  }

  /** The same claims signed by a key Entra never published. */
  async forge(claims: { oid: string; tid: string; aud: string } & JWTPayload): Promise<string> {
    const { privateKey } = await generateKeyPair("RS256");
    return this.sign(claims, { key: privateKey });
  }
}
