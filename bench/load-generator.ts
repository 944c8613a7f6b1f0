/**
 * The HTTP load of `measureHttp`, run in a process of its own: Teams' requests come from outside
 * the bot's process, so the client's JSON, sockets and timers must not queue on the bot's event
 * loop and be counted as the bot's latency. The parent sends the ready request bodies over IPC
 * and gets each measured request's latency back.
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadRequest {
  url: string;
  /** Every body, warm-up first. */
  bodies: string[];
  warmup: number;
  concurrency: number;
}

export type LoadReply = { latencies: number[]; elapsedMs: number } | { error: string };

function post(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Sends `bodies` with `concurrency` workers; returns each one's latency in ms. */
async function drive(agent: http.Agent, url: URL, bodies: readonly string[], concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next;
      next += 1;
      const started = performance.now();
      const status = await post(agent, url, bodies[i]!);
      latencies.push(performance.now() - started);
      if (status < 200 || status >= 300)
        throw new Error(
          `${url.href} answered ${status} to request ${i}; a benchmark of failures means nothing`,
        );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, bodies.length) }, worker));
  return latencies;
}

export async function runLoad(request: LoadRequest): Promise<{ latencies: number[]; elapsedMs: number }> {
  const url = new URL(request.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: request.concurrency });
  try {
    if (request.warmup > 0)
      await drive(agent, url, request.bodies.slice(0, request.warmup), request.concurrency);
    const started = performance.now();
    const latencies = await drive(agent, url, request.bodies.slice(request.warmup), request.concurrency);
    return { latencies, elapsedMs: performance.now() - started };
  } finally {
    agent.destroy();
  }
}

if (process.send) {
  process.on("message", (request: LoadRequest) => {
    runLoad(request).then(
      (result) => process.send!(result satisfies LoadReply),
      (error: unknown) => process.send!({ error: String(error) } satisfies LoadReply),
    );
  });
}
