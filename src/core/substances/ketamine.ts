import type { Substance } from "./substance.ts";

const effects = { low: 1, high: 2 } as const; // FACTS K-ROUTE-2 (TripSit): effects 1–2 h
const afterEffects = { low: 1, high: 2 } as const; // FACTS K-ROUTE-2: plus 1–2 h after-effects

/** Ketamine, weighed as ketamine hydrochloride. Every figure cites ../shared/FACTS.md. */
export const ketamine: Substance = {
  id: "ketamine",
  name: "Ketamine",
  aliases: ["ketamine", "ket", "k", "ketamine hcl", "ketamine hydrochloride", "esketamine"],
  measuredAs:
    "ketamine hydrochloride as weighed (1 mg holds about 0.867 mg ketamine base, FACTS MEAS-4)",
  unit: "mg",
  // 0.1 mg: 0.01 ml of a 10 mg/ml solution, the finest a 1 ml syringe reads (FACTS MEAS-2).
  step: 0.1,
  solubilityMgPerMl: 200, // FACTS MEAS-1: at least 200 mg/ml (USP: 1 g in 5 ml is clear)
  sizing: {
    kind: "per-kg",
    startPerKg: 0.1, // FACTS K-DOSE-1: start at 0.1 mg/kg or less
    ceilingPerKg: 0.2, // FACTS K-DOSE-1: a microdose is below 0.2 mg/kg
    facts: ["K-DOSE-1", "K-DOSE-3", "DESIGN-1", "MEAS-4"],
  },
  minIntervalDays: 5, // FACTS K-DOSE-2: 5–7 days apart; Titrate keeps the cautious minimum
  minIntervalFacts: ["K-DOSE-2", "K-TOL-1"],
  defaultProtocol: { kind: "every-n-days", intervalDays: 7 }, // FACTS K-DOSE-2
  defaultCycle: { weeksOn: 4, weeksOff: 2 }, // FACTS P-PROT-2, K-TOL-1: a break every few weeks
  defaultRoute: "nasal",
  routes: [
    {
      route: "nasal",
      bioavailability: { low: 0.25, high: 0.5, typical: 0.45 }, // FACTS K-ROUTE-1 ⚠
      onsetMinutes: { low: 7.5, high: 20 }, // FACTS K-ROUTE-2 ⚠ (other sources 1–3 min)
      effectHours: effects,
      afterEffectHours: afterEffects,
      note: "Watch for nasal signs (FACTS K-NOSE-1); alternate nostrils.",
      uncertain: true,
      facts: ["K-ROUTE-1", "K-ROUTE-2", "MEAS-3", "K-NOSE-1"],
    },
    {
      route: "insufflated",
      bioavailability: { low: 0.25, high: 0.5, typical: 0.45 }, // FACTS K-ROUTE-1 ⚠
      onsetMinutes: { low: 7.5, high: 20 }, // FACTS K-ROUTE-2 ⚠
      effectHours: effects,
      afterEffectHours: afterEffects,
      note: "Snorting powder damages the nose over time (FACTS K-NOSE-1); a spray or another route is gentler.",
      uncertain: true,
      facts: ["K-ROUTE-1", "K-ROUTE-2", "K-NOSE-1"],
    },
    {
      route: "sublingual",
      bioavailability: { low: 0.24, high: 0.32, typical: 0.24 }, // FACTS K-ROUTE-1 (Chong 2009)
      onsetMinutes: null, // no sourced figure
      effectHours: effects,
      afterEffectHours: afterEffects,
      note: "Includes lozenges and wafers. Grapefruit and some medicines raise exposure by mouth (FACTS K-CYP-1).",
      uncertain: false,
      facts: ["K-ROUTE-1", "K-CYP-1"],
    },
    {
      route: "oral",
      bioavailability: { low: 0.2, high: 0.25, typical: 0.24 }, // FACTS K-ROUTE-1
      onsetMinutes: { low: 10, high: 75 }, // FACTS K-ROUTE-2
      effectHours: effects,
      afterEffectHours: afterEffects,
      note: "Grapefruit and some medicines raise exposure by mouth (FACTS K-CYP-1).",
      uncertain: false,
      facts: ["K-ROUTE-1", "K-ROUTE-2", "K-CYP-1"],
    },
    {
      route: "intramuscular",
      bioavailability: { low: 0.93, high: 0.93, typical: 0.93 }, // FACTS K-ROUTE-1 (DrugBank)
      onsetMinutes: { low: 2, high: 7.5 }, // FACTS K-ROUTE-2
      effectHours: effects,
      afterEffectHours: afterEffects,
      note: "Injections belong in a clinic, given by a professional.",
      uncertain: false,
      facts: ["K-ROUTE-1", "K-ROUTE-2"],
    },
    {
      route: "intravenous",
      bioavailability: { low: 1, high: 1, typical: 1 }, // FACTS K-ROUTE-1
      onsetMinutes: { low: 0, high: 2 }, // FACTS K-ROUTE-2
      effectHours: effects,
      afterEffectHours: afterEffects,
      note: "Injections belong in a clinic, given by a professional.",
      uncertain: false,
      facts: ["K-ROUTE-1", "K-ROUTE-2"],
    },
  ],
  tolerance:
    "Tolerance builds quickly; it roughly halves in 3–7 days and is gone in 1–2 weeks (FACTS K-TOL-1, weak evidence).",
  risks: [
    {
      id: "bladder",
      title: "Bladder damage",
      signs: [
        "needing to urinate often or urgently",
        "waking at night to urinate",
        "pain or burning when urinating",
        "blood in the urine",
        "pain above the pubic bone",
        "leaking with a sudden urge",
      ],
      advice:
        "Stop taking ketamine and see a doctor. The damage can become permanent; most people improve after stopping.",
      facts: ["K-BLAD-1"],
    },
    {
      id: "kidney-liver",
      title: "Kidney, bile duct and liver harm",
      signs: ["flank pain", "upper-belly pain or cramps", "yellowing of the skin or eyes"],
      advice: "Stop taking ketamine and see a doctor.",
      facts: ["K-HARM-2"],
    },
    {
      id: "nasal",
      title: "Nasal damage from snorting",
      signs: [
        "nosebleeds",
        "reduced sense of smell",
        "trouble swallowing",
        "hoarse voice",
        "crusting in the nose",
        "a hole in the septum",
      ],
      advice: "Pause, do not snort, and see a doctor if it persists.",
      facts: ["K-NOSE-1"],
    },
    {
      id: "dependence",
      title: "Dependence",
      signs: [
        "cravings",
        "using more, or more often, than planned",
        "using to cope",
        "craving, anxiety, low mood, shaking, sweating or palpitations between doses",
      ],
      advice: "Talk to someone you trust or a professional; pause the protocol.",
      facts: ["K-DEP-1"],
    },
    {
      id: "psychosis",
      title: "Psychosis",
      signs: ["seeing or hearing things others do not", "strong suspicion of others"],
      advice: "Stop and seek help.",
      facts: ["K-PSY-1"],
    },
    {
      id: "blood-pressure",
      title: "Raised blood pressure",
      signs: ["a reading above 140/90 mmHg before a dose"],
      advice:
        "Check your blood pressure before dosing; above about 140/90 mmHg, delay and weigh the risk with a professional.",
      facts: ["K-BP-1"],
    },
  ],
  combinations: [
    {
      agent: "alcohol",
      names: ["alcohol", "beer", "wine", "spirits", "ethanol"],
      severity: "danger",
      reason: "slowed breathing, loss of consciousness, vomiting while unconscious",
      facts: ["K-MIX-1"],
    },
    {
      agent: "ghb",
      names: ["ghb", "gbl", "1,4-butanediol"],
      severity: "danger",
      reason: "slowed breathing, loss of consciousness, vomiting while unconscious",
      facts: ["K-MIX-1"],
    },
    {
      agent: "opioids",
      names: [
        "opioid",
        "opioids",
        "heroin",
        "morphine",
        "codeine",
        "oxycodone",
        "fentanyl",
        "methadone",
        "buprenorphine",
        "hydrocodone",
      ],
      severity: "danger",
      reason: "slowed breathing and loss of consciousness",
      facts: ["K-MIX-1"],
    },
    {
      agent: "tramadol",
      names: ["tramadol"],
      severity: "danger",
      reason: "slowed breathing, loss of consciousness",
      facts: ["K-MIX-1"],
    },
    {
      agent: "sedating-antihistamines",
      names: [
        "diphenhydramine",
        "dimenhydrinate",
        "promethazine",
        "doxylamine",
        "hydroxyzine",
        "chlorphenamine",
      ],
      severity: "danger",
      reason: "delirium, sedation, slowed breathing",
      facts: ["K-MIX-1"],
    },
    {
      agent: "benzodiazepines",
      names: [
        "benzodiazepine",
        "benzodiazepines",
        "diazepam",
        "alprazolam",
        "lorazepam",
        "clonazepam",
        "temazepam",
        "etizolam",
      ],
      severity: "caution",
      reason: "added sedation",
      facts: ["K-MIX-1"],
    },
    {
      agent: "gabapentinoids",
      names: ["pregabalin", "gabapentin"],
      severity: "caution",
      reason: "added sedation",
      facts: ["K-MIX-1"],
    },
    {
      agent: "stimulants",
      names: [
        "amphetamine",
        "methamphetamine",
        "cocaine",
        "mdma",
        "methylphenidate",
        "lisdexamfetamine",
      ],
      severity: "caution",
      reason: "strain on the heart and blood pressure",
      facts: ["K-MIX-1"],
    },
    {
      agent: "maois",
      names: [
        "maoi",
        "phenelzine",
        "tranylcypromine",
        "isocarboxazid",
        "selegiline",
        "moclobemide",
      ],
      severity: "caution",
      reason: "raised blood pressure",
      facts: ["K-MIX-1"],
    },
    {
      agent: "grapefruit",
      names: ["grapefruit", "grapefruit juice"],
      severity: "caution",
      reason: "raised oral ketamine exposure about 3-fold",
      routes: ["oral", "sublingual"],
      facts: ["K-CYP-1"],
    },
    {
      agent: "ticlopidine",
      names: ["ticlopidine"],
      severity: "caution",
      reason: "raised oral ketamine exposure about 2.4-fold",
      routes: ["oral", "sublingual"],
      facts: ["K-CYP-1"],
    },
    {
      agent: "clarithromycin",
      names: ["clarithromycin"],
      severity: "caution",
      reason: "raised oral ketamine exposure about 2.6-fold (weak evidence)",
      routes: ["oral", "sublingual"],
      facts: ["K-CYP-1"],
    },
  ],
  reagents: [
    {
      reagent: "morris",
      expected: "lavender to purple precipitate",
      matches: ["lavender", "purple", "violet", "lilac", "mauve"],
      uncertain: false,
      facts: ["TEST-1"],
    },
    {
      reagent: "mandelin",
      expected: "orange",
      matches: ["orange"],
      uncertain: false,
      facts: ["TEST-1"],
    },
    {
      reagent: "liebermann",
      expected: "faint yellow",
      matches: ["yellow"],
      uncertain: true,
      facts: ["TEST-1"],
    },
    {
      reagent: "marquis",
      expected: "no change",
      matches: ["no change", "none", "no reaction", "no colour", "no color", "clear"],
      uncertain: false,
      facts: ["TEST-1"],
    },
    {
      reagent: "mecke",
      expected: "no change",
      matches: ["no change", "none", "no reaction", "no colour", "no color", "clear"],
      uncertain: false,
      facts: ["TEST-1"],
    },
    {
      reagent: "froehde",
      expected: "no change",
      matches: ["no change", "none", "no reaction", "no colour", "no color", "clear"],
      uncertain: false,
      facts: ["TEST-1"],
    },
  ],
  notes: [
    "The 0.1–0.2 mg/kg microdose rule comes from harm-reduction practice, not from trials (FACTS K-DOSE-1).",
    "Microdose benefits are unproven; trials found effects only at 0.5 mg/kg IV and above (FACTS K-DOSE-3).",
    "The ceiling applies to the amount you take, whatever the route: a route that absorbs less never allows more (FACTS DESIGN-1).",
    "No driving or hazardous activity until the next day after restful sleep; do not dose alone (FACTS K-DRIVE-1).",
    "Test your supply every time, even from a known source (FACTS TEST-1, TEST-2).",
  ],
  facts: [
    "K-DOSE-1",
    "K-DOSE-2",
    "K-DOSE-3",
    "K-ROUTE-1",
    "K-ROUTE-2",
    "K-TOL-1",
    "DESIGN-1",
    "MEAS-4",
  ],
};
