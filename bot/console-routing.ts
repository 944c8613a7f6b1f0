import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "../src/log.js";

/**
 * botbuilder writes to the console on its own: a multi-line `console.error` with the signing
 * keys for every bad token (botframework-connector's jwtTokenExtractor), the error itself for an
 * expired one. Inside {@link withBotbuilderConsole} those calls become one pino line at debug,
 * with the kind of error and at most the first line of text, tokens and keys cut out. Console
 * output from anywhere else passes through untouched.
 */
const scope = new AsyncLocalStorage<Logger>();
let installed = false;

const jwt = /eyJ[\w-]*\.[\w-]*\.?[\w-]*/g;

function summary(args: unknown[]): { err?: { name: string; code?: unknown }; message?: string } {
  const error = args.find((arg): arg is Error => arg instanceof Error);
  if (error) return { err: { name: error.name, code: (error as { code?: unknown }).code } };
  const first = typeof args[0] === "string" ? args[0] : "";
  // "Error finding key for token. Available keys: -----BEGIN RSA PUBLIC KEY-----…": the part before the keys.
  const text = first.split("\n")[0]!.split("Available keys")[0]!.replace(jwt, "[token]").slice(0, 200).trim();
  return text ? { message: text } : {};
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const method of ["error", "warn", "log", "info", "debug"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const log = scope.getStore();
      if (!log) return original(...args);
      log.debug({ source: "botbuilder", console: method, ...summary(args) }, "botbuilder");
    };
  }
}

/** Runs `work` with botbuilder's console output routed into `log` (see above). */
export function withBotbuilderConsole<T>(log: Logger, work: () => Promise<T>): Promise<T> {
  install();
  return scope.run(log, work);
}
