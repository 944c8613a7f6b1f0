import { loadConfig } from "../../config.js";
import {
  followUpDue,
  gpDeadlineRules,
  gpDueDate,
  gpRuleText,
  isIsoDate,
  workingDaysBetween,
  type GpDeadlineRule,
  type IsoDate,
} from "../../deadlines/index.js";
import { printJson, requireString, UsageError, type CliCommand, type CliInput } from "../command.js";

function dateOption(values: CliInput["values"], name: string): IsoDate {
  const value = requireString(values, name);
  if (!isIsoDate(value)) throw new UsageError(`--${name} måste vara ett datum ÅÅÅÅ-MM-DD, fick "${value}"`);
  return value;
}

function ruleOption(values: CliInput["values"], env: NodeJS.ProcessEnv): GpDeadlineRule {
  const flag = values.rule;
  if (flag === undefined) return loadConfig(env).GP_DEADLINE_RULE;
  if (!gpDeadlineRules.includes(flag as GpDeadlineRule)) {
    throw new UsageError(`--rule måste vara ${gpDeadlineRules.join(" eller ")}, fick "${String(flag)}"`);
  }
  return flag as GpDeadlineRule;
}

export const deadlinePlanCommand: CliCommand = {
  path: "deadline plan",
  summary: "Sista dag för genomförandeplanen (15 dagar från beställningen).",
  usage:
    "insatsguiden deadline plan --ordered ÅÅÅÅ-MM-DD [--rule working|calendar] [--json]\n\n" +
    "  --rule  working: 15 arbetsdagar (tillämpningsanvisningarna, bilaga 2); calendar: 15 dagar,\n" +
    "          flyttas till nästa arbetsdag (bilaga 1; lag 1930:173). Standard GP_DEADLINE_RULE, annars working.",
  options: { ordered: { type: "string" }, rule: { type: "string" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const ordered = dateOption(values, "ordered");
    const rule = ruleOption(values, io.env);
    const due = gpDueDate(ordered, rule);
    if (values.json) printJson(io, { ordered, rule, due });
    else io.stdout.write(`Genomförandeplanen ska vara klar senast ${due} (${gpRuleText(rule)}).\n`);
    return 0;
  },
};

export const deadlineFollowUpCommand: CliCommand = {
  path: "deadline follow-up",
  summary: "Nästa uppföljning: sex kalendermånader efter beslutet eller förra uppföljningen.",
  usage: "insatsguiden deadline follow-up --from ÅÅÅÅ-MM-DD [--json]",
  options: { from: { type: "string" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const from = dateOption(values, "from");
    const due = followUpDue(from);
    if (values.json) printJson(io, { from, due });
    else io.stdout.write(`Nästa uppföljning senast ${due}.\n`);
    return 0;
  },
};

export const deadlineWorkingDaysCommand: CliCommand = {
  path: "deadline working-days",
  summary: "Antal arbetsdagar efter --from till och med --to.",
  usage: "insatsguiden deadline working-days --from ÅÅÅÅ-MM-DD --to ÅÅÅÅ-MM-DD [--json]",
  options: { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const count = workingDaysBetween(dateOption(values, "from"), dateOption(values, "to"));
    if (values.json) printJson(io, { count });
    else io.stdout.write(`${count} arbetsdagar.\n`);
    return 0;
  },
};
