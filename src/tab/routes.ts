import fs from "node:fs";
import path from "node:path";
import type { Request, Response, Server } from "restify";
import type { DirectoryUser } from "../directory/directory.js";
import type { Logger } from "../log.js";
import { toCsv } from "../register/register.js";
import type { z } from "../validation.js";
import { demoUserHeader, type TabAuthenticator } from "./auth.js";
import { caseIdSchema, caseListQuerySchema, deadlineQuerySchema, followUpQuerySchema } from "./schemas.js";
import type { TabService } from "./service.js";
import { hiddenMark, type Shown } from "./suppression.js";

/** What the tab answers when something is refused; the page shows `message` as it is. */
const messages: Record<string, string> = {
  "TAB.SIGN_IN_REQUIRED": "Du behöver logga in. Öppna Insatsguiden-fliken i Teams.",
  "TAB.TOKEN_INVALID": "Inloggningen kunde inte verifieras. Öppna fliken i Teams igen.",
  "TAB.TENANT_NOT_ALLOWED": "Din organisation har inte tillgång till Insatsguiden.",
  "TAB.SCOPE_MISSING": "Inloggningen saknar behörigheten access_as_user. Kontakta din administratör.",
  "TAB.SIGN_IN_UNAVAILABLE": "Inloggningen kan inte kontrolleras just nu. Försök igen om en stund.",
  "USER.UNKNOWN": "Du finns inte i Insatsguidens katalog. Kontakta din administratör.",
  "TAB.VIEW_FORBIDDEN": "Den här vyn är för gruppledare och administratörer.",
  "CASE.NOT_FOUND": "Ärendet finns inte, eller så har du inte tillgång till det.",
  "TAB.BAD_REQUEST": "Felaktig förfrågan.",
  "TAB.NOT_FOUND": "Sidan finns inte.",
};

export interface TabRouteDeps {
  service: TabService;
  auth: TabAuthenticator;
  log: Logger;
  /** The built front end (tab/dist). */
  staticDir: string | undefined;
  /** Local mode: the demo users the page may offer (loopback only). */
  demoUsers: (() => Promise<DirectoryUser[]>) | undefined;
}

function sendError(res: Response, status: number, code: string, fields?: Record<string, string>): void {
  res.send(status, {
    code,
    message: messages[code] ?? messages["TAB.BAD_REQUEST"],
    ...(fields ? { fields } : {}),
  });
}

function queryOf(req: Request): Record<string, string> {
  return Object.fromEntries(new URL(req.url ?? "/", "http://tab.invalid").searchParams);
}

function parse<T extends z.ZodType>(schema: T, input: unknown, res: Response): z.infer<T> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
  sendError(res, 400, "TAB.BAD_REQUEST", fields);
  return undefined;
}

/**
 * The Teams tab on the bot's own server: the JSON API under /api/tab/* and the built page
 * under /tab/. Every API route first establishes who asks (src/tab/auth.ts).
 */
export function registerTabRoutes(server: Server, deps: TabRouteDeps): void {
  const { service, auth, log } = deps;

  const authed =
    (handler: (req: Request, res: Response, user: DirectoryUser) => Promise<void>) =>
    async (req: Request, res: Response) => {
      res.setHeader("cache-control", "no-store");
      try {
        const identity = await auth.identify({
          authorization: req.headers.authorization,
          demoUser: firstHeader(req.headers[demoUserHeader]),
          remoteAddress: req.socket.remoteAddress,
        });
        if (!identity.ok) return sendError(res, identity.status, identity.code);
        await handler(req, res, identity.user);
      } catch (error) {
        log.error(
          { err: { name: (error as Error).name, message: (error as Error).message } },
          "tab request failed",
        );
        if (!res.headersSent) sendError(res, 503, "TAB.SIGN_IN_UNAVAILABLE");
      }
    };

  server.get(
    "/api/tab/me",
    authed(async (_req, res, user) => void res.send(200, service.me(user))),
  );

  server.get("/api/tab/demo-users", async (req: Request, res: Response) => {
    if (!deps.demoUsers || !auth.localIdentityAllowed(req.socket.remoteAddress)) {
      return sendError(res, 404, "TAB.NOT_FOUND");
    }
    const users = await deps.demoUsers();
    res.send(200, {
      users: users.map((user) => ({
        id: user.id,
        displayName: user.displayName,
        roles: service.me(user).roles,
      })),
    });
  });

  server.get(
    "/api/tab/cases",
    authed(async (req, res, user) => {
      const query = parse(caseListQuerySchema, queryOf(req), res);
      if (query) res.send(200, await service.cases(user, query));
    }),
  );

  server.get(
    "/api/tab/cases/:id",
    authed(async (req, res, user) => {
      const parsed = caseIdSchema.safeParse(req.params.id);
      const detail = parsed.success ? await service.caseDetail(user, parsed.data) : undefined;
      if (!detail) return sendError(res, 404, "CASE.NOT_FOUND");
      res.send(200, detail);
    }),
  );

  server.get(
    "/api/tab/deadlines",
    authed(async (req, res, user) => {
      const query = parse(deadlineQuerySchema, queryOf(req), res);
      if (!query) return;
      const result = await service.teamDeadlines(user, query);
      if (!result) return sendError(res, 403, "TAB.VIEW_FORBIDDEN");
      res.send(200, result);
    }),
  );

  server.get(
    "/api/tab/follow-up",
    authed(async (req, res, user) => {
      const query = parse(followUpQuerySchema, queryOf(req), res);
      if (!query) return;
      const result = await service.followUp(user, query);
      if (!result) return sendError(res, 403, "TAB.VIEW_FORBIDDEN");
      if (!query.table) return void res.send(200, result);
      const [header, rows] = csvTable(result, query.table);
      const body = `\uFEFF${toCsv(header, rows)}`;
      res.writeHead(200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="uppfoljning-${query.table}-${query.from}-${query.to}.csv"`,
        "cache-control": "no-store",
      });
      res.end(body);
    }),
  );

  server.get("/api/tab/*", async (_req: Request, res: Response) => sendError(res, 404, "TAB.NOT_FOUND"));

  if (deps.staticDir) registerStatic(server, deps.staticDir);
}

type FollowUp = NonNullable<Awaited<ReturnType<TabService["followUp"]>>>;

function csvTable(
  result: FollowUp,
  table: NonNullable<z.infer<typeof followUpQuerySchema>["table"]>,
): [string[], string[][]] {
  const cell = (count: Shown) => String(count);
  switch (table) {
    case "insats":
      return [
        ["insats", "kön", "beslut", "beviljade"],
        result.byInsats.map((r) => [r.group, r.gender, cell(r.decisions), cell(r.granted)]),
      ];
    case "district-gender":
      return [
        ["stadsdel", "kön", "beslut", "beviljade"],
        result.byDistrictGender.map((r) => [r.group, r.gender, cell(r.decisions), cell(r.granted)]),
      ];
    case "district":
      return [
        ["stadsdel", "beslut", "beviljade"],
        result.perDistrict.map((r) => [r.district, cell(r.decisions), cell(r.granted)]),
      ];
    case "jobbtorg":
      return [
        ["enhet", "kö nu", "beställningar", "median dagar till tilldelning", "median dagar till GP"],
        result.jobbtorg.map((r) => [
          r.unit,
          cell(r.queue),
          cell(r.ordered),
          r.daysToAssignment.median === null ? hiddenMark : String(r.daysToAssignment.median),
          r.daysToGp.median === null ? hiddenMark : String(r.daysToGp.median),
        ]),
      ];
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

/** Teams shows the tab in a frame: only Teams and Microsoft 365 hosts may frame it. */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  // teams-js reads its list of Teams hosts from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://*.microsoft365.com",
].join("; ");

function registerStatic(server: Server, root: string): void {
  const resolvedRoot = path.resolve(root);
  const serve = async (req: Request, res: Response) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://tab.invalid").pathname);
    const relative = pathname.replace(/^\/tab\/?/, "") || "index.html";
    const file = path.resolve(resolvedRoot, relative);
    let target = file.startsWith(`${resolvedRoot}${path.sep}`) ? file : undefined;
    if (!target || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
      // Unknown paths under /tab/ are the single-page app's own (a case page reloaded).
      target = path.extname(relative) ? undefined : path.join(resolvedRoot, "index.html");
    }
    if (!fs.existsSync(path.join(resolvedRoot, "index.html"))) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      return void res.end("Fliken är inte byggd än. Kör npm start (bygger den) eller npm run build:tab.");
    }
    if (!target || !fs.existsSync(target)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      return void res.end("Sidan finns inte.");
    }
    const hashed = /\/assets\//.test(target);
    res.writeHead(200, {
      "content-type": contentTypes[path.extname(target)] ?? "application/octet-stream",
      "cache-control": hashed ? "public, max-age=31536000, immutable" : "no-cache",
      "content-security-policy": contentSecurityPolicy,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(await fs.promises.readFile(target));
  };
  server.get("/tab", async (_req: Request, res: Response) => {
    res.writeHead(301, { location: "/tab/" });
    res.end();
  });
  server.get("/tab/*", serve);
}
