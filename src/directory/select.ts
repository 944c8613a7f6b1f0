import path from "node:path";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { msalTokenProvider } from "../meetings/graph-booker.js";
import type { Directory } from "./directory.js";
import { EntraDirectory } from "./entra-directory.js";
import { loadGroupMapping } from "./group-mapping.js";
import { LocalFileDirectory } from "./local-file-directory.js";

/**
 * The directory this deployment uses: Entra ID groups through Graph when a group mapping is
 * configured (validated here, so a bad mapping stops startup), else the local JSON file.
 */
export function directoryFor(config: Config, log: Pick<Logger, "warn">): Directory {
  const { GRAPH_TENANT_ID: tenantId, GRAPH_CLIENT_ID: clientId, GRAPH_CLIENT_SECRET: clientSecret } = config;
  if (config.DIRECTORY_GROUP_MAPPING && tenantId && clientId && clientSecret) {
    return new EntraDirectory({
      mapping: loadGroupMapping(config.DIRECTORY_GROUP_MAPPING),
      tokens: msalTokenProvider({
        tenantId,
        clientId,
        clientSecret,
        authorityHost: config.GRAPH_AUTHORITY_HOST,
      }),
      ...(config.GRAPH_BASE_URL ? { baseUrl: config.GRAPH_BASE_URL } : {}),
      ttlMs: config.DIRECTORY_CACHE_SECONDS * 1000,
      staleMs: config.DIRECTORY_STALE_SECONDS * 1000,
      onStale: (error) =>
        log.warn(
          { err: { name: (error as Error).name, message: (error as Error).message } },
          "Entra ID svarar inte: katalogen använder senast kända svar",
        ),
    });
  }
  return LocalFileDirectory.ensure(config.DIRECTORY_FILE ?? path.join(config.DATA_DIR, "directory.json"));
}
