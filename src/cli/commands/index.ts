import type { CliCommand } from "../command.js";
import { askCommand } from "./ask.js";
import { dbMigrateCommand, dbPurgeCommand } from "./db.js";
import { decisionTextCommand } from "./decision.js";
import { directoryCheckCommand } from "./directory.js";
import { deadlineFollowUpCommand, deadlinePlanCommand, deadlineWorkingDaysCommand } from "./deadline.js";
import { packageCommand } from "./package.js";
import { rulesCheckCommand, rulesListCommand } from "./rules.js";
import { reportClosedCommand, reportDecisionsCommand, reportGenderCommand } from "./report.js";
import { serveCommand } from "./serve.js";

/** Every subcommand of `insatsguiden`. Add one with a line here. */
export const commands: CliCommand[] = [
  serveCommand,
  dbMigrateCommand,
  dbPurgeCommand,
  packageCommand,
  deadlinePlanCommand,
  deadlineFollowUpCommand,
  deadlineWorkingDaysCommand,
  rulesListCommand,
  rulesCheckCommand,
  reportDecisionsCommand,
  reportGenderCommand,
  reportClosedCommand,
  askCommand,
  decisionTextCommand,
  directoryCheckCommand,
];
