import path from "node:path";
import { configSchema } from "../../config.js";
import { printJson, UsageError, type CliCommand } from "../command.js";

export const packageCommand: CliCommand = {
  path: "package",
  summary: "Bygger Teams-appaketet appPackage/insatsguiden.zip med bot-id från MicrosoftAppId.",
  usage:
    "insatsguiden package [--app-id <guid>] [--domain <värd>]... [--out <fil.zip>] [--json]\n\n" +
    "  --app-id  botens app-id (GUID); annars MicrosoftAppId i miljön eller .env\n" +
    "  --domain  lägg till en värd i manifestets validDomains (kan upprepas); den första är botens\n" +
    "            publika värd, och då får appen även fliken (https://<värd>/tab/) med inloggning\n" +
    "  --out     var zip-filen ska skrivas (standard appPackage/insatsguiden.zip)",
  options: {
    "app-id": { type: "string" },
    domain: { type: "string", multiple: true },
    out: { type: "string" },
    json: { type: "boolean" },
  },
  async run({ values, io }) {
    // Loaded here, not at CLI start: only packaging needs the zip and schema libraries.
    const { AppPackageError, createAppPackage, isGuid } = await import("../../../manifest/package.js");
    const flag = values["app-id"];
    if (flag !== undefined && (typeof flag !== "string" || !isGuid(flag))) {
      throw new UsageError(`--app-id måste vara ett GUID, fick "${String(flag)}"`);
    }
    // Only the app id is read: packaging needs no secret, so the rest of the configuration may be absent.
    const appId = flag ?? configSchema.shape.MicrosoftAppId.parse(io.env.MicrosoftAppId);
    if (appId === undefined) {
      io.stderr.write(
        "MicrosoftAppId saknas. Teams-paketet behöver botens app-id (Application (client) ID i " +
          "Azure Bot-registreringen). Sätt MicrosoftAppId i miljön eller i .env, eller ange " +
          "--app-id <guid>.\n",
      );
      return 1;
    }
    const domains = (values.domain as string[] | undefined) ?? [];
    try {
      const built = await createAppPackage({
        appId,
        validDomains: domains,
        ...(typeof values.out === "string" ? { outFile: values.out } : {}),
      });
      if (values.json) {
        printJson(io, { path: built.path, appId: built.appId, manifestVersion: built.manifestVersion });
      } else {
        io.stdout.write(
          `Skrev ${path.relative(process.cwd(), built.path) || built.path} ` +
            `(manifest v${built.manifestVersion}, bot-id ${built.appId}). ` +
            "Ladda upp den i Teams administrationscenter eller under Appar → Hantera dina appar.\n",
        );
      }
      return 0;
    } catch (error) {
      if (error instanceof AppPackageError) {
        io.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
