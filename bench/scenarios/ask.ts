/**
 * The question answerer's speed and memory (issues 17 and 13): per-question latency p50/p99 after
 * warm-up over the labelled questions (spelling correction, compounds and retrieval included),
 * against the targets 5 ms and 20 ms; and text of any length — 1,000 messages of 28 KB (one word,
 * or random words) — timed per message and the heap retained afterwards, against a plain question
 * and the heap before.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { ask } from "../../src/rules/ask.js";
import { compare, percentile, type BenchScenario } from "../harness.js";

const on = "2026-03-02";

/** The labelled questions (tuning and held-out): only their text is used here. */
function questions(): string[] {
  return ["test/fixtures/questions-tuning.json", "test/fixtures/questions-heldout.json"].flatMap((file) =>
    (JSON.parse(fs.readFileSync(file, "utf8")) as { question: string }[]).map((entry) => entry.question),
  );
}

/**
 * Per-message times in ms, sorted: CPU time of this process (user + system), which a VM shared by
 * many processes does not inflate with time spent waiting for a core, and wall time.
 */
function timings(messages: string[], rounds: number): { cpu: number[]; wall: number[] } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const message of messages) {
      const started = performance.now();
      const usage = process.cpuUsage();
      ask(message, { on });
      const spent = process.cpuUsage(usage);
      wall.push(performance.now() - started);
      cpu.push((spent.user + spent.system) / 1000);
    }
  }
  return { cpu: cpu.sort((a, b) => a - b), wall: wall.sort((a, b) => a - b) };
}

/** A deterministic generator, so every run sends the same "random" words. */
function randomWords(seed: number, bytes: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  const words: string[] = [];
  let length = 0;
  while (length < bytes) {
    const word = Array.from({ length: 2 + (next() % 12) }, () =>
      String.fromCharCode(97 + (next() % 26)),
    ).join("");
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ");
}

function collectGarbage(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

export const scenario: BenchScenario = {
  name: "ask",
  async run(ctx) {
    const all = questions();
    timings(all, 3); // warm-up
    const times = timings(all, 10);
    const p50 = percentile(times.cpu, 50);
    const p99 = percentile(times.cpu, 99);
    ctx.log(
      `svar per fråga (${all.length} frågor × 10), CPU: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms; väggtid p50 ${percentile(times.wall, 50).toFixed(3)} ms, p99 ${percentile(times.wall, 99).toFixed(3)} ms`,
    );

    const gc = collectGarbage();
    const size = 28 * 1024;
    // Made one at a time and dropped after answering, so the heap shows what the answerer keeps.
    const message = (i: number) =>
      i === 0 ? "b".repeat(size) : i % 2 === 0 ? "å".repeat(size / 2) : randomWords(i, size);
    const run = (from: number) => {
      const cpu: number[] = [];
      let wallMax = 0;
      for (let i = from; i < from + 1000; i += 1) {
        const text = message(i);
        const started = performance.now();
        const usage = process.cpuUsage();
        ask(text, { on });
        const spent = process.cpuUsage(usage);
        wallMax = Math.max(wallMax, performance.now() - started);
        cpu.push((spent.user + spent.system) / 1000);
      }
      return { cpu: cpu.sort((a, b) => a - b), wallMax };
    };
    gc();
    const heapBefore = process.memoryUsage().heapUsed / 1e6;
    const first = run(0);
    gc();
    const heapAfter = process.memoryUsage().heapUsed / 1e6;
    const longP99 = percentile(first.cpu, 99);
    ctx.log(
      `1 000 meddelanden à 28 KB, CPU: p50 ${percentile(first.cpu, 50).toFixed(3)} ms, p99 ${longP99.toFixed(3)} ms, max ${first.cpu.at(-1)!.toFixed(3)} ms (väggtid max ${first.wallMax.toFixed(3)} ms); heap ${heapBefore.toFixed(1)} → ${heapAfter.toFixed(1)} MB`,
    );
    // The caches on the path are bounded LRUs: a second thousand different messages leaves the heap
    // where the first left it (it grows to the caches' bounds once, then stays).
    run(1000);
    gc();
    const heapAfterSecond = process.memoryUsage().heapUsed / 1e6;
    ctx.log(`heap efter ytterligare 1 000 olika meddelanden: ${heapAfterSecond.toFixed(1)} MB`);
    return [
      compare("ask-p50", "ms", p50, 5),
      compare("ask-p99", "ms", p99, 20),
      compare("ask-28kb-p99", "ms", longP99, p99),
      compare("ask-28kb-heap-after", "MB", heapAfter, heapBefore),
      compare("ask-28kb-heap-after-second-1000", "MB", heapAfterSecond, heapAfter),
    ];
  },
};
