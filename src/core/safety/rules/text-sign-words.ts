/**
 * The words text-signs looks for, by checklist: the checklists' items and the signs FACTS
 * names (K-BLAD-1, K-HARM-2, K-NOSE-1, K-PSY-1), in the forms people write them. Each is a
 * whole word or phrase, matched ignoring case. Words too common in other senses are left out
 * ("wee", "pissed", "cramps" alone): a question asked for nothing teaches people to skip it.
 */

export const textChecklists = ["bladder", "kidney-liver", "nasal", "mental"] as const;
export type TextChecklist = (typeof textChecklists)[number];

const words: Readonly<Record<TextChecklist, readonly string[]>> = {
  // K-BLAD-1: often or urgently, at night, pain or burning, blood in the urine, pubic pain, leaking.
  bladder: [
    "urin\\w*",
    "pee(?:s|d|ing)?",
    "bladder",
    "pubic(?: bone)?",
    "incontinen\\w*",
    "cystitis",
  ],
  // K-HARM-2: flank or upper-belly pain, "K-cramps", yellowing skin or eyes.
  "kidney-liver": [
    "kidneys?",
    "flank(?: pain)?",
    "liver",
    "jaundice\\w*",
    "k[- ]?cramps?",
    "yellow(?:ing|ed|ish)? (?:skin|eyes?)",
    "(?:skin|eyes?) (?:(?:looks?|looked|turn(?:s|ing|ed)?|going|went|is|are|was|were) )?yellow\\w*",
    "upper[- ](?:belly|abdomen|abdominal|stomach|tummy)",
  ],
  // K-NOSE-1: nosebleeds, smell, swallowing, hoarse voice, crusting, the septum.
  nasal: [
    "nose ?bleeds?",
    "nosebleeding",
    "bloody nose",
    "nose (?:bled|bleeding|bleeds)",
    "(?:sense of )?smell(?:ing)? (?:less|worse|gone)",
    "(?:lost|losing|reduced|no|less) (?:my )?sense of smell",
    "(?:can'?t|cannot|couldn'?t|can not|no longer) smell",
    "anosmia",
    "hoarse\\w*",
    "(?:trouble|difficulty|hard|painful|pain|hurts?) (?:to |when |while )?swallow\\w*",
    "swallowing",
    "crust(?:s|y|ing)?",
    "septum",
  ],
  // K-PSY-1 and the mental-state checklist: hallucinations, suspicion, racing thoughts or no
  // need for sleep, dissociation long after a dose.
  mental: [
    "hallucinat\\w*",
    "(?:hear|hearing|heard) (?:voices|things)",
    "(?:see|seeing|saw) things",
    "paranoi\\w*",
    "suspicious",
    "suspicion",
    "racing thoughts",
    "thoughts (?:are |were |kept )?racing",
    "(?:no|don'?t|didn'?t|did not|do not) need (?:any |for |to )?sleep",
    "psychosis",
    "psychotic",
    "manic",
    "mania",
    "derealis\\w*",
    "dereali[sz]ation",
    "depersonali[sz]\\w*",
    "(?:felt|feel|feeling|still) (?:detached|unreal)",
  ],
};

const patterns: ReadonlyMap<TextChecklist, RegExp> = new Map(
  textChecklists.map((c) => [
    c,
    new RegExp(`(?<![\\p{L}\\p{N}])(?:${words[c].join("|")})(?![\\p{L}\\p{N}])`, "giu"),
  ]),
);

/** A phrase ends at a sentence mark, a comma, or a word that turns the sentence. */
const phraseBreak =
  /[.;:!?\n,()]|(?<![\p{L}])(?:but|however|although|though|except|yet)(?![\p{L}])/iu;

/** A negation before a word, in its phrase ("no pain when urinating", "never had a nosebleed"). */
const negation =
  /(?<![\p{L}])(?:no|not|never|without|none|nothing|neither|nor|cannot|\p{L}+n't)(?![\p{L}])/iu;

/** What does not negate what follows: "can't stop peeing", "no longer can smell". */
const notNegating =
  /(?<![\p{L}])(?:(?:ca|could|would|wo|did)n't stop|cannot stop|can not stop|no longer|no doubt|not sure|no idea)(?![\p{L}])/giu;

export interface SignWord {
  readonly checklist: TextChecklist;
  /** The phrase it was found in, as written (at most 80 characters). */
  readonly phrase: string;
}

/** Every checklist's words in `text`, each in its phrase, leaving out negated ones. */
export function findSignWords(text: string): SignWord[] {
  const normalised = text.normalize("NFKC").replace(/[’‘`]/gu, "'");
  const found: SignWord[] = [];
  for (const phrase of splitPhrases(normalised)) {
    for (const [checklist, pattern] of patterns) {
      pattern.lastIndex = 0;
      for (const match of phrase.matchAll(pattern)) {
        const before = phrase.slice(0, match.index).replace(notNegating, " ");
        if (negation.test(before)) continue;
        found.push({ checklist, phrase: shorten(phrase.trim()) });
        break;
      }
    }
  }
  return found;
}

function splitPhrases(text: string): string[] {
  const phrases: string[] = [];
  let rest = text;
  for (let m = phraseBreak.exec(rest); m; m = phraseBreak.exec(rest)) {
    phrases.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  phrases.push(rest);
  return phrases.filter((p) => p.trim() !== "");
}

function shorten(phrase: string): string {
  return phrase.length <= 80 ? phrase : `${phrase.slice(0, 77)}…`;
}
