import { loadConfig } from "../../config.js";
import { startApp } from "../../main.js";
import type { CliCommand } from "../command.js";

export const serveCommand: CliCommand = {
  path: "serve",
  summary: "Startar botservern (POST /api/messages, /healthz, /readyz).",
  usage: "insatsguiden serve",
  async run({ io }) {
    const config = loadConfig(io.env);
    const app = await startApp(config);
    const { log } = app.services;
    if (config.localMode) {
      log.info(
        { url: app.url },
        "lokalt läge: inget MicrosoftAppId, lyssnar bara på 127.0.0.1 och kräver ingen JWT",
      );
      io.stderr.write(`Insatsguiden kör i lokalt läge på ${app.url}/api/messages (endast 127.0.0.1).\n`);
    } else {
      log.info({ url: app.url }, "Insatsguiden lyssnar");
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        log.info({ signal }, "stänger: tar inte emot nya anrop, avslutar pågående");
        void app.close().then(resolve);
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
    return 0;
  },
};
