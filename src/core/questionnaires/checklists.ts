/**
 * Titrate's own symptom checklists, written from FACTS.md (not copies of any published
 * scale: FACTS Q-BLADDER). Each item is answered yes (1) or no (0); any yes is a warning
 * sign, and the safety rules turn a symptom report into a finding.
 */
import { type Checklist, yesNoOptions } from "./instrument.ts";

const newOrWorse =
  "In the past 2 weeks, have you had any of these? Answer yes for anything new, or worse than before you started.";

function noSigns(what: string): Checklist["bands"][number] {
  return { id: "no-signs", label: "No warning signs", min: 0, max: 0, meaning: what };
}

/** FACTS K-BLAD-1 (Cottrell 2008; Mason 2010). */
export const bladderChecklist: Checklist = {
  kind: "checklist",
  id: "bladder",
  name: "Bladder",
  title: "Bladder warning signs (ketamine)",
  stem: newOrWorse,
  items: [
    { id: "frequent", text: "Needing to urinate more often" },
    { id: "urgent", text: "Sudden, urgent need to urinate" },
    { id: "night", text: "Waking at night to urinate" },
    { id: "painful", text: "Pain or burning when urinating" },
    { id: "blood", text: "Blood in your urine" },
    { id: "pubic-pain", text: "Pain above the pubic bone (lower belly)" },
    { id: "urge-leaking", text: "Leaking urine with a sudden urge" },
  ],
  options: yesNoOptions,
  bands: [
    noSigns("No bladder warning signs. Check again every couple of weeks while you use ketamine."),
    {
      id: "warning-signs",
      label: "Bladder warning signs",
      min: 1,
      max: 7,
      meaning:
        "Warning signs of bladder damage from ketamine. Stop taking ketamine and see a doctor. The damage can become permanent; most people improve after stopping (FACTS K-BLAD-1).",
    },
  ],
  crisisItemIndex: null,
  facts: ["K-BLAD-1", "Q-BLADDER"],
};

/** FACTS K-NOSE-1. */
export const nasalChecklist: Checklist = {
  kind: "checklist",
  id: "nasal",
  name: "Nose and throat",
  title: "Nasal damage from snorting or nasal sprays",
  stem: newOrWorse,
  items: [
    { id: "nosebleeds", text: "Nosebleeds" },
    { id: "smell", text: "A reduced sense of smell" },
    { id: "swallowing", text: "Trouble swallowing" },
    { id: "hoarse", text: "A hoarse voice" },
    { id: "crusting", text: "Crusting inside the nose" },
    { id: "septum", text: "A hole in the septum (the wall between the nostrils)" },
  ],
  options: yesNoOptions,
  bands: [
    noSigns("No nasal warning signs."),
    {
      id: "warning-signs",
      label: "Nasal warning signs",
      min: 1,
      max: 6,
      meaning:
        "Signs of nasal damage. Pause, do not snort, change to another route, and see a doctor if it persists (FACTS K-NOSE-1).",
    },
  ],
  crisisItemIndex: null,
  facts: ["K-NOSE-1"],
};

/** FACTS K-HARM-2 (Cottrell 2008; Morgan & Curran 2012). */
export const kidneyLiverChecklist: Checklist = {
  kind: "checklist",
  id: "kidney-liver",
  name: "Kidneys and liver",
  title: "Kidney, bile-duct and liver warning signs (ketamine)",
  stem: newOrWorse,
  items: [
    { id: "flank-pain", text: "Pain in your side or back, below the ribs (flank pain)" },
    { id: "upper-belly-pain", text: 'Pain or cramps in the upper belly ("K-cramps")' },
    { id: "jaundice", text: "Yellowing of your skin or the whites of your eyes" },
  ],
  options: yesNoOptions,
  bands: [
    noSigns("No kidney or liver warning signs."),
    {
      id: "warning-signs",
      label: "Kidney or liver warning signs",
      min: 1,
      max: 3,
      meaning:
        "Warning signs of kidney, bile-duct or liver harm from ketamine. Stop taking ketamine and see a doctor (FACTS K-HARM-2).",
    },
  ],
  crisisItemIndex: null,
  facts: ["K-HARM-2"],
};

/** FACTS K-PSY-1; racing thoughts and no need for sleep are the psychedelic cautions (K-CONTRA-1). */
export const mentalChecklist: Checklist = {
  kind: "checklist",
  id: "mental",
  name: "Mental state",
  title: "Signs of psychosis, mania or strong dissociation",
  stem: "In the past 2 weeks, have you had any of these?",
  items: [
    { id: "hallucinations", text: "Seeing or hearing things that other people do not" },
    { id: "suspicion", text: "Strong suspicion of other people" },
    { id: "racing-thoughts", text: "Racing thoughts, or feeling no need for sleep" },
    {
      id: "dissociation",
      text: "Feeling detached from yourself or that things are unreal, long after a dose should have worn off",
    },
  ],
  options: yesNoOptions,
  bands: [
    noSigns("No signs of psychosis, mania or strong dissociation."),
    {
      id: "warning-signs",
      label: "Warning signs",
      min: 1,
      max: 4,
      meaning:
        "Signs of psychosis, mania or strong dissociation. Stop taking it and seek help now: a doctor, or your local emergency number if you or anyone else may be unsafe (FACTS K-PSY-1).",
    },
  ],
  crisisItemIndex: null,
  facts: ["K-PSY-1", "K-CONTRA-1"],
};

/** FACTS K-DEP-1 (Morgan & Curran 2012; article 000). */
export const dependenceChecklist: Checklist = {
  kind: "checklist",
  id: "dependence",
  name: "Dependence",
  title: "Signs of dependence",
  stem: "In the past 2 weeks, has any of this been true for you?",
  items: [
    { id: "cravings", text: "Cravings for it" },
    { id: "larger", text: "Taking larger doses than you intended" },
    { id: "more-often", text: "Taking it more often than you intended, or outside your plan" },
    { id: "coping", text: "Using it to cope with stress, low mood or difficult feelings" },
    {
      id: "withdrawal",
      text: "Between doses: anxiety, low mood, shaking, sweating or a pounding heart",
    },
  ],
  options: yesNoOptions,
  bands: [
    noSigns("No signs of dependence."),
    {
      id: "warning-signs",
      label: "Signs of dependence",
      min: 1,
      max: 5,
      meaning:
        "Signs of dependence. Pause the protocol and talk to someone you trust or a professional (FACTS K-DEP-1).",
    },
  ],
  crisisItemIndex: null,
  facts: ["K-DEP-1"],
};
