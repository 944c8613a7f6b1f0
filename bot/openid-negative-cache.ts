import { OpenIdMetadata } from "botframework-connector/lib/auth/openIdMetadata.js";

/**
 * botbuilder fetches the OpenID metadata and signing keys again on every request while a fetch
 * fails (botframework-connector's OpenIdMetadata sets no time on failure), so each token whose
 * issuer points at an unreachable endpoint costs an outbound request. Here a failure is
 * remembered per metadata URL for `ttlMs` and concurrent refreshes share one fetch.
 * @remarks A patch of the prototype (the class is not exported for subclassing); installed once.
 */
interface Refreshable {
  url: string;
  refreshCache(): Promise<void>;
}

let installed = false;
const failures = new Map<string, { at: number; error: unknown }>();
const inFlight = new Map<string, Promise<void>>();

export function installOpenIdNegativeCache(ttlMs = 30_000, now: () => number = Date.now): void {
  if (installed) return;
  installed = true;
  const prototype = OpenIdMetadata.prototype as unknown as Refreshable;
  const refresh = prototype.refreshCache;
  prototype.refreshCache = function (this: Refreshable): Promise<void> {
    const failed = failures.get(this.url);
    if (failed && now() - failed.at < ttlMs) return Promise.reject(failed.error);
    const running = inFlight.get(this.url);
    if (running) return running;
    const url = this.url;
    const attempt = refresh
      .call(this)
      .then(
        () => void failures.delete(url),
        (error: unknown) => {
          failures.set(url, { at: now(), error });
          throw error;
        },
      )
      .finally(() => inFlight.delete(url));
    inFlight.set(url, attempt);
    return attempt;
  };
}

/** Forgets remembered failures (tests). */
export function clearOpenIdFailures(): void {
  failures.clear();
}
