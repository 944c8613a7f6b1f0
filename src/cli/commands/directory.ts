import { loadConfig } from "../../config.js";
import { describeRole } from "../../directory/describe.js";
import { EntraDirectory } from "../../directory/entra-directory.js";
import { directoryFor } from "../../directory/select.js";
import { printJson, type CliCommand } from "../command.js";

export const directoryCheckCommand: CliCommand = {
  path: "directory check",
  summary:
    "Visar vem katalogen (Entra ID-grupperna eller katalogfilen) ger vilken roll – kontroll före driftstart.",
  usage:
    "insatsguiden directory check [--json]\n\n" +
    "  Läser gruppmappningen (DIRECTORY_GROUP_MAPPING) och frågar Microsoft Graph om varje mappad\n" +
    "  grupps medlemmar (även via nästlade grupper); utan mappning läses katalogfilen. En ogiltig\n" +
    "  mappning stoppar med posten namngiven.",
  options: { json: { type: "boolean" } },
  async run({ values, io }) {
    const config = loadConfig(io.env);
    const directory = directoryFor(config, { warn: () => undefined });
    const users = (await directory.listUsers()).sort((a, b) =>
      a.displayName.localeCompare(b.displayName, "sv"),
    );
    const source = directory instanceof EntraDirectory ? "entra-id" : "fil";
    const rows = users.map((user) => ({
      id: user.id,
      namn: user.displayName,
      roller: user.roles.map((role) => {
        const { role: name, scope } = describeRole(role);
        return `${name} (${scope})`;
      }),
    }));
    if (values.json) {
      printJson(io, { källa: source, användare: rows });
      return 0;
    }
    io.stdout.write(
      `Källa: ${source === "entra-id" ? "Entra ID-grupper" : "katalogfil"}, ${rows.length} personer\n`,
    );
    for (const row of rows) io.stdout.write(`${row.namn}\t${row.id}\t${row.roller.join("; ")}\n`);
    return 0;
  },
};
