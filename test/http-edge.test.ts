import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nestingDepth, parseJsonBody } from "../src/http-body.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { demoUsers, makeMessage } from "./support/fixtures.js";

/** A raw POST (fetch would refuse some of these shapes); resolves with status and body text. */
function rawPost(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/api/messages`);
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", headers },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        res.on("error", reject);
      },
    );
    // The server may answer and close before the whole body is sent: that is the point.
    req.on("error", (error) => (error.message.includes("EPIPE") ? undefined : reject(error)));
    req.end(body);
  });
}

describe("request bodies at the boundary", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const alive = async () => expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);

  it("refuses a non-gzip body sent as gzip with 415 and stays up (restify #1975)", async () => {
    const { status, text } = await rawPost(t.app.url, "this is not gzip", {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(status).toBe(415);
    expect(JSON.parse(text).error).toMatch(/Content-Encoding/);
    await alive();
  });

  it("refuses a gzip bomb with 415 without inflating it (restify #1785/#1787)", async () => {
    // 8 MB of spaces compress to ~8 KB; restify inflated them past its 1 MiB limit.
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, " "));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { status } = await rawPost(t.app.url, bomb, {
      "content-type": "application/json",
      "content-encoding": "gzip",
      "content-length": String(bomb.length),
    });
    expect(status).toBe(415);
    await alive();
  });

  it.each(["deflate", "br", "gzip, identity", "x-unknown"])(
    "refuses Content-Encoding %s with 415",
    async (enc) => {
      const { status } = await rawPost(t.app.url, "{}", {
        "content-type": "application/json",
        "content-encoding": enc,
      });
      expect(status).toBe(415);
    },
  );

  it("accepts an explicit identity encoding", async () => {
    const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url });
    const { status } = await rawPost(t.app.url, JSON.stringify(activity), {
      "content-type": "application/json; charset=utf-8",
      "content-encoding": "identity",
    });
    expect(status).toBe(200);
  });

  it("answers malformed JSON with 400 and a Swedish message", async () => {
    for (const body of ["{not json", "[1,2", '{"a":}', "\u0000", "null,"]) {
      const { status, text } = await rawPost(t.app.url, body, { "content-type": "application/json" });
      expect(status).toBe(400);
      expect(JSON.parse(text).error).toBe("Förfrågan är inte giltig JSON.");
    }
  });

  it("refuses a body over 1 MiB with 413, whether declared or streamed", async () => {
    const big = JSON.stringify({ type: "message", text: "x".repeat(1024 * 1024 + 10) });
    expect((await rawPost(t.app.url, big, { "content-type": "application/json" })).status).toBe(413);
    const streamed = await new Promise<number>((resolve, reject) => {
      const target = new URL(`${t.app.url}/api/messages`);
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", (error) => (error.message.includes("EPIPE") ? undefined : reject(error)));
      for (let i = 0; i < 20; i += 1) req.write("x".repeat(64 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
    await alive();
  });

  it("refuses nesting deeper than 64 with 400 instead of recursing into it", async () => {
    const deep = `${"[".repeat(30_000)}${"]".repeat(30_000)}`;
    const { status } = await rawPost(t.app.url, deep, { "content-type": "application/json" });
    expect(status).toBe(400);
    const deepActivity = JSON.stringify({
      ...makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url }),
      value: JSON.parse(`${'{"a":'.repeat(100)}1${"}".repeat(100)}`),
    });
    expect((await rawPost(t.app.url, deepActivity, { "content-type": "application/json" })).status).toBe(400);
    await alive();
  });

  it("refuses a body that is not JSON with 415", async () => {
    const { status } = await rawPost(t.app.url, "type=message", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(status).toBe(415);
  });
});

describe("parsing a JSON body", () => {
  it("measures nesting outside strings only", () => {
    expect(nestingDepth('{"a":[1,{"b":"[[[[{{{"}]}', 100)).toBe(3);
    expect(nestingDepth('"\\"[["', 100)).toBe(0);
    expect(nestingDepth("[".repeat(1000), 10)).toBe(11);
  });

  it("drops __proto__ keys so a later copy cannot change a prototype", () => {
    const parsed = parseJsonBody('{"__proto__":{"polluted":true},"a":{"__proto__":{"x":1}},"constructor":1}');
    expect(parsed.ok).toBe(true);
    const value = (parsed as { value: Record<string, unknown> }).value;
    const copy = Object.assign({}, value) as Record<string, unknown>;
    expect(copy.polluted).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["a", "constructor"]);
  });
});
