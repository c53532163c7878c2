/**
 * Error messages for people, not programs. src/core and the server word their messages for the
 * terminal and the API: they start with a field path ("target.amount: …"), may name a flag
 * ("(--accept-risk)") or another field by its code name ("diastolicMmHg"), and give instants in
 * UTC ("2030-01-01T09:00:00Z"). On a screen the message sits under the field it belongs to, so
 * the path goes; flags and commands go; code names become words; instants are shown in the
 * profile's time zone.
 */
import { formatWhen } from "./time.ts";

let messageZone: string | null = null;

/** The zone instants in messages are shown in: the profile's (App sets it). */
export function setMessageTimeZone(timeZone: string | null): void {
  messageZone = timeZone;
}

/** Code names of fields that messages mention, in words. */
const fieldWords: Readonly<Record<string, string>> = {
  systolicMmHg: "the systolic (upper) number",
  diastolicMmHg: "the diastolic (lower) number",
  pulseBpm: "the pulse",
  weightKg: "the body weight",
  intervalDays: "the days between doses",
  weeksOn: "the weeks on",
  weeksOff: "the weeks off",
  concentrationMgPerMl: "the concentration",
  mlPerSpray: "the volume per spray",
  purityPercent: "the purity",
  startDate: "the start date",
  localTime: "the time of day",
  timeZone: "the time zone",
  emergencyNumber: "the emergency number",
  acceptRisk: "accepting the risk",
  afterEffects: "the after-effects",
  newPassphrase: "the new passphrase",
  currentPassphrase: "the current passphrase",
};

/** Labels for field paths, as the forms name their fields; forms may pass their own. */
const pathLabels: Readonly<Record<string, string>> = {
  at: "When",
  note: "Note",
  substance: "Substance",
  batch: "Batch",
  route: "Route",
  measured: "Amount",
  amount: "Amount",
  target: "Dose",
  "target.amount": "Dose",
  protocol: "Protocol",
  "protocol.intervalDays": "Days between doses",
  "protocol.weekdays": "Dosing days",
  "protocol.pattern": "Pattern",
  cycle: "Tolerance breaks",
  "cycle.weeksOn": "Weeks on",
  "cycle.weeksOff": "Weeks off",
  startDate: "Start",
  localTime: "Time of day",
  end: "Ends",
  "end.count": "Doses",
  "end.date": "Last day",
  timeZone: "Time zone",
  weightKg: "Body weight",
  units: "Units",
  country: "Country",
  emergencyNumber: "Emergency number",
  helpline: "Helpline",
  conditions: "Conditions",
  systolicMmHg: "Systolic (upper)",
  diastolicMmHg: "Diastolic (lower)",
  pulseBpm: "Pulse",
  concentrationMgPerMl: "Concentration",
  mlPerSpray: "Volume per spray",
  purityPercent: "Purity",
  username: "Username",
  passphrase: "Passphrase",
  file: "File",
};

/** The label of a field path: the form's, the app's, or the path in words. */
export function labelOf(path: string, labels: Readonly<Record<string, string>> = {}): string {
  const known = labels[path] ?? pathLabels[path];
  if (known) return known;
  if (path === "") return "Input";
  const words = path
    .split(".")
    .map((part) => (/^\d+$/u.test(part) ? `number ${Number(part) + 1}` : part))
    .join(" ")
    .replace(/([a-z])([A-Z])/gu, "$1 $2")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PATH = String.raw`[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*`;
const leadingPath = new RegExp(`^${PATH}: `, "u");
/** "…: target.amount: must be…; end.count: must be…" inside a list of several. */
const innerPath = /([:;] )([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*): /gu;
const COMMANDS =
  "init|log|edit|calc|serve|passphrase|import|export|check|restore|backup|demo|plan|profile|experiment|screen|next|erase";
const commandOrFlag = new RegExp(
  String.raw`(?:^|\s|\()(?:--[a-z]|\x60?titrate (?:${COMMANDS})\b)`,
  "u",
);
const parentheticalHint = new RegExp(
  String.raw`\s*\([^()]*(?:--[a-z]|\x60?titrate (?:${COMMANDS})\b)[^()]*\)`,
  "gu",
);
const instant = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/gu;

/** Drops what only makes sense in a terminal: "(--accept-risk)", "; pass --yes.", "run `titrate init`". */
export function withoutCommandHints(message: string): string {
  const text = message.replace(parentheticalHint, "");
  const clauses = text.split(/(?<=[.;])\s+/u);
  const kept = clauses.filter((clause) => !commandOrFlag.test(clause));
  if (kept.length === clauses.length) return text.trim();
  if (kept.length === 0) return text.replace(/\s*--[a-z][\w-]*/gu, "").trim();
  return kept.join(" ").replace(/;\s*$/u, ".").trim();
}

/**
 * A message from the core or the server as a person should read it, under its field: no path
 * in front, no command-line hints, field names in words, instants in the profile's zone.
 */
export function plainMessage(message: string): string {
  const zone = messageZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC";
  return withoutCommandHints(message.replace(leadingPath, ""))
    .replace(innerPath, (_, before: string, path: string) => `${before}${labelOf(path)}: `)
    .replace(/\b[a-z]+(?:[A-Z][a-z]+)+\b/gu, (word) => fieldWords[word] ?? word)
    .replace(instant, (text) => {
      const ms = Date.parse(text);
      return Number.isNaN(ms) ? text : formatWhen(text, zone);
    });
}
