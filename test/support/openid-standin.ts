import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Bot Connector's OpenID metadata (`/.well-known/openidconfiguration`
 * and its JWKS), so token validation runs for real without the network: tokens signed with
 * `sign()` validate, tokens signed with any other key do not.
 */
export class OpenIdStandIn {
  private readonly server: http.Server;
  private readonly keyId = "insatsguiden-test-key";
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  metadataUrl = "";
  /** Answer the metadata with 500 (an outage), and how often it was asked. */
  failing = false;
  metadataRequests = 0;

  private constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = {
      ...publicKey.export({ format: "jwk" }),
      kid: this.keyId,
      use: "sig",
      kty: "RSA",
      endorsements: ["msteams"],
    };
    this.server = http.createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/\.well-known\/openidconfiguration$/, "");
      res.setHeader("content-type", "application/json");
      if (req.url === "/.well-known/openidconfiguration") this.metadataRequests += 1;
      if (this.failing) {
        res.statusCode = 500;
        res.end("{}");
      } else if (req.url === "/.well-known/openidconfiguration") {
        res.end(JSON.stringify({ issuer: "https://api.botframework.com", jwks_uri: `${base}/keys` }));
      } else if (req.url === "/keys") {
        res.end(JSON.stringify({ keys: [this.publicJwk] }));
      } else {
        res.statusCode = 404;
        res.end("{}");
      }
    });
  }

  static async start(): Promise<OpenIdStandIn> {
    const standIn = new OpenIdStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    const { port } = standIn.server.address() as AddressInfo;
    standIn.metadataUrl = `http://127.0.0.1:${port}/.well-known/openidconfiguration`;
    return standIn;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A Bot Framework channel token (RS256) for `appId` and `serviceUrl`. */
  sign(
    claims: { appId: string; serviceUrl: string; issuer?: string },
    key: KeyObject = this.privateKey,
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", kid: this.keyId };
    const payload = {
      iss: claims.issuer ?? "https://api.botframework.com",
      aud: claims.appId,
      serviceurl: claims.serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
    };
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const unsigned = `${encode(header)}.${encode(payload)}`;
    const signature = createSign("RSA-SHA256").update(unsigned).sign(key).toString("base64url");
    return `${unsigned}.${signature}`;
  }

  /** A token with the right claims and key id but signed by another key (a forgery). */
  forge(claims: { appId: string; serviceUrl: string }): string {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    return this.sign(claims, privateKey);
  }
}
