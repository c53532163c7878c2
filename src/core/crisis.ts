/**
 * Crisis resources: the emergency number and helplines to show at once when an answer
 * signals a risk of self-harm (FACTS Q-PHQ9, CRISIS-1). The person's own settings win;
 * then their country's; otherwise an international default that names the common
 * emergency numbers and findahelpline.com, which lists services by country.
 */

export interface HelplineEntry {
  readonly name: string;
  readonly phone: string | null;
  readonly url: string | null;
}

export interface CrisisSettings {
  /** ISO 3166-1 alpha-2 code, upper case (GB, US); null when not set. */
  readonly country: string | null;
  readonly emergencyNumber: string | null;
  readonly helpline: HelplineEntry | null;
}

export interface CrisisResources {
  /** The emergency number to call, or null when the country is unknown. */
  readonly emergencyNumber: string | null;
  /** How to reach emergency services, in words, e.g. "999 (112 also works)". */
  readonly emergencyText: string;
  /** The person's own helpline first, then the country's, then findahelpline.com. */
  readonly helplines: readonly HelplineEntry[];
  readonly country: string | null;
  /** Where the emergency number came from. */
  readonly origin: "settings" | "country" | "default";
  readonly sources: readonly string[];
}

/** FACTS CRISIS-1: findahelpline.com lists services by country. Always shown last. */
export const findAHelpline: HelplineEntry = {
  name: "Find A Helpline (services in your country)",
  phone: null,
  url: "https://findahelpline.com",
};

const samaritans: HelplineEntry = { name: "Samaritans", phone: "116 123", url: null };

interface CountryEntry {
  readonly emergencyNumber: string;
  readonly emergencyText: string;
  readonly helplines: readonly HelplineEntry[];
}

// FACTS CRISIS-1: 112 in the EU.
// biome-ignore format: a grid of codes reads better than one per line
const euCountries = [
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
  "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/** FACTS CRISIS-1, by ISO 3166-1 alpha-2 country code. */
const countries: Readonly<Record<string, CountryEntry>> = {
  ...Object.fromEntries(
    euCountries.map((code) => [
      code,
      { emergencyNumber: "112", emergencyText: "112", helplines: [] as HelplineEntry[] },
    ]),
  ),
  IE: { emergencyNumber: "112", emergencyText: "112", helplines: [samaritans] },
  GB: { emergencyNumber: "999", emergencyText: "999 (112 also works)", helplines: [samaritans] },
  US: {
    emergencyNumber: "911",
    emergencyText: "911",
    helplines: [{ name: "988 Suicide & Crisis Lifeline (call or text)", phone: "988", url: null }],
  },
  CA: {
    emergencyNumber: "911",
    emergencyText: "911",
    helplines: [{ name: "9-8-8 Suicide Crisis Helpline (call or text)", phone: "988", url: null }],
  },
  MX: { emergencyNumber: "911", emergencyText: "911", helplines: [] },
  AU: { emergencyNumber: "000", emergencyText: "000", helplines: [] },
};

/** Country codes people type that are not ISO 3166-1 (UK for GB, EL for Greece). */
const countryAliases: Readonly<Record<string, string>> = { UK: "GB", EL: "GR" };

/** The countries Titrate has emergency numbers for (FACTS CRISIS-1). */
export const knownCountries: readonly string[] = Object.keys(countries).sort();

/** The international default: the common numbers, since Titrate cannot know which applies. */
const defaultEmergencyText =
  "your local emergency number (112 in the EU, 999 in the UK, 911 in North America, 000 in Australia)";

/** Upper-cases a country code and maps UK → GB; null for empty input. */
export function normaliseCountry(country: string | null | undefined): string | null {
  const code = country?.trim().toUpperCase() ?? "";
  if (code === "") return null;
  return countryAliases[code] ?? code;
}

/**
 * The crisis resources for a person: their own emergency number and helpline when set,
 * else their country's (FACTS CRISIS-1), else the international default. findahelpline.com
 * is always listed last.
 */
export function crisisResources(settings?: Partial<CrisisSettings> | null): CrisisResources {
  const country = normaliseCountry(settings?.country);
  const entry = country === null ? undefined : countries[country];
  const own = settings?.emergencyNumber?.trim() || null;
  const helplines: HelplineEntry[] = [];
  if (settings?.helpline) helplines.push(settings.helpline);
  else if (entry) helplines.push(...entry.helplines);
  helplines.push(findAHelpline);
  return {
    emergencyNumber: own ?? entry?.emergencyNumber ?? null,
    emergencyText: own ?? entry?.emergencyText ?? defaultEmergencyText,
    helplines,
    country,
    origin: own ? "settings" : entry ? "country" : "default",
    sources: ["CRISIS-1"],
  };
}

/** A helpline in words: "Samaritans: call 116 123", "Find A Helpline: https://…". */
export function describeHelpline(helpline: HelplineEntry): string {
  const ways = [
    helpline.phone ? `call ${helpline.phone}` : null,
    helpline.url ? helpline.url : null,
  ].filter((w): w is string => w !== null);
  return `${helpline.name}: ${ways.join(" or ")}`;
}

/**
 * The crisis message as plain lines, most urgent first: emergency services, then
 * someone to talk to now. Every interface shows these lines at once, before anything else.
 */
export function crisisMessage(resources: CrisisResources): string[] {
  const lines = [
    "You said you have had thoughts that you would be better off dead or of hurting yourself.",
    "You do not have to face this alone. Please reach out now:",
    `  • If you might act on these thoughts, or you are in danger: call ${resources.emergencyText} now.`,
    ...resources.helplines.map((h) => `  • Talk to someone now — ${describeHelpline(h)}`),
    "  • Tell someone you trust, and do not take any substance while you feel this way.",
  ];
  if (resources.origin === "default") {
    lines.push(
      "Set your country, or your own emergency number and helpline, so Titrate can show them here.",
    );
  }
  return lines;
}
