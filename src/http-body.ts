import type { Next, Request, RequestHandler, Response } from "restify";

/**
 * Reads a JSON request body at our boundary, in place of restify's bodyParser, which throws
 * outside any handler on a non-gzip body sent as gzip (restify #1975) and applies its size limit
 * to the compressed bytes only (restify #1785, #1787): a small gzip of spaces inflated to gigabytes.
 * The Bot Connector sends plain JSON, so any Content-Encoding but `identity` is refused with 415
 * before a byte is read; the limit counts the bytes as they arrive; nesting is bounded before
 * JSON.parse so nothing downstream recurses into a body of a million brackets.
 */
export interface JsonBodyOptions {
  /** Most bytes of body accepted. */
  limit: number;
  /** Deepest nesting of arrays and objects accepted. */
  maxDepth: number;
}

export const defaultJsonBodyOptions: JsonBodyOptions = { limit: 1024 * 1024, maxDepth: 64 };

type Refusal = { status: number; message: string };

const refusals = {
  encoding: {
    status: 415,
    message: "Komprimerade förfrågningar tas inte emot: skicka JSON utan Content-Encoding.",
  },
  type: { status: 415, message: "Förfrågan måste vara JSON (Content-Type: application/json)." },
  tooLarge: { status: 413, message: "Förfrågan är för stor." },
  malformed: { status: 400, message: "Förfrågan är inte giltig JSON." },
  tooDeep: { status: 400, message: "Förfrågan är för djupt nästlad." },
} satisfies Record<string, Refusal>;

const withBody = new Set(["POST", "PUT", "PATCH"]);

/** The deepest nesting of `[` and `{` outside strings; stops counting once past `max`. */
export function nestingDepth(text: string, max: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > max) return deepest;
      }
    } else if (code === 0x5d || code === 0x7d) depth -= 1;
  }
  return deepest;
}

/** Own `__proto__` keys (JSON.parse makes them plain data) would set a prototype when copied with Object.assign. */
function dropProtoKeys(key: string, value: unknown): unknown {
  return key === "__proto__" ? undefined : value;
}

/** Parses `text` as a JSON body, or says why it is refused. */
export function parseJsonBody(
  text: string,
  options: JsonBodyOptions = defaultJsonBodyOptions,
): { ok: true; value: unknown } | { ok: false; refusal: Refusal } {
  if (nestingDepth(text, options.maxDepth) > options.maxDepth)
    return { ok: false, refusal: refusals.tooDeep };
  try {
    return { ok: true, value: JSON.parse(text, dropProtoKeys) };
  } catch {
    return { ok: false, refusal: refusals.malformed };
  }
}

function refuse(req: Request, res: Response, next: Next, refusal: Refusal, unread: boolean): void {
  if (unread) {
    // The rest of the body is not wanted: close the connection once the answer is out.
    res.setHeader("connection", "close");
    res.once("finish", () => req.destroy());
  }
  res.send(refusal.status, { error: refusal.message });
  next(false);
}

/** A restify handler that sets `req.body` to the parsed JSON (undefined when there is no body). */
export function jsonBody(options: JsonBodyOptions = defaultJsonBodyOptions): RequestHandler {
  return (req: Request, res: Response, next: Next) => {
    if (!withBody.has(req.method ?? "")) return next();
    const encoding = String(req.headers["content-encoding"] ?? "identity")
      .trim()
      .toLowerCase();
    if (encoding !== "identity" && encoding !== "") return refuse(req, res, next, refusals.encoding, true);
    const type = String(req.headers["content-type"] ?? "").toLowerCase();
    if (type !== "" && !/^application\/([\w.+-]+\+)?json\s*(;|$)/.test(type))
      return refuse(req, res, next, refusals.type, true);
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > options.limit)
      return refuse(req, res, next, refusals.tooLarge, true);

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (refusal?: Refusal, unread = false) => {
      if (done) return;
      done = true;
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      if (refusal) return refuse(req, res, next, refusal, unread);
      next();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limit) return finish(refusals.tooLarge, true);
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (size === 0) {
        req.body = undefined;
        return finish();
      }
      const parsed = parseJsonBody(Buffer.concat(chunks, size).toString("utf8"), options);
      if (!parsed.ok) return finish(parsed.refusal);
      req.body = parsed.value;
      finish();
    };
    req.on("data", onData);
    req.on("end", onEnd);
    // A client that goes away mid-body: nothing to answer, nothing to keep.
    req.once("error", () => {
      done = true;
    });
  };
}
