import restify, { type Request, type Response, type Server } from "restify";
import { jsonBody } from "./http-body.js";
import type { Logger } from "./log.js";

/**
 * The HTTP transport, and the only module that knows restify. The bot side hands in one
 * function for POST /api/messages; health and readiness answer for load balancers.
 * @remarks `close()` stops accepting connections, waits for in-flight requests (bounded by
 * `graceMs`) and only then resolves, so SIGTERM never cuts a turn in half.
 */
export interface HttpServerOptions {
  log: Logger;
  handleMessages(req: Request, res: Response): Promise<void>;
  /** Database reachable and migrations applied. */
  ready(): Promise<{ ready: boolean; reason?: string }>;
  graceMs: number;
  /** Further routes on the same server (the Teams tab, src/tab/routes.ts). */
  routes?: (server: Server) => void;
}

export interface HttpServer {
  readonly server: Server;
  listen(port: number, host: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const server = restify.createServer({ name: "insatsguiden", handleUncaughtExceptions: false });
  // Our own reader, not restify's bodyParser: see src/http-body.ts for the upstream defects it avoids.
  server.use(jsonBody());

  let inFlight = 0;
  let draining: (() => void) | undefined;
  let closing = false;

  server.post("/api/messages", async (req: Request, res: Response) => {
    if (closing) {
      res.send(503, { error: "shutting down" });
      return;
    }
    inFlight += 1;
    try {
      await options.handleMessages(req, res);
    } catch (error) {
      options.log.error(
        { err: { name: (error as Error).name, message: (error as Error).message } },
        "messages handler failed",
      );
      if (!res.headersSent) res.send(500, { error: "internal error" });
    } finally {
      inFlight -= 1;
      if (inFlight === 0) draining?.();
    }
  });

  server.get("/healthz", async (_req: Request, res: Response) => {
    res.send(200, { status: "ok" });
  });

  server.get("/readyz", async (_req: Request, res: Response) => {
    const state = closing ? { ready: false, reason: "shutting down" } : await options.ready();
    res.send(
      state.ready ? 200 : 503,
      state.ready ? { status: "ready" } : { status: "not ready", reason: state.reason },
    );
  });

  options.routes?.(server);

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve({ port: address.port, url: `http://${host}:${address.port}` });
        });
      });
    },
    async close() {
      closing = true;
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      if (inFlight > 0) {
        await Promise.race([
          new Promise<void>((resolve) => (draining = resolve)),
          new Promise<void>((resolve) => setTimeout(resolve, options.graceMs).unref()),
        ]);
      }
      // Idle keep-alive sockets would hold close() open; in-flight work is done by now.
      server.server.closeIdleConnections?.();
      await Promise.race([stopped, new Promise<void>((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
