/**
 * The two-item short forms: PHQ-2 (the first two PHQ-9 items, Kroenke et al., Med Care
 * 2003) and GAD-2 (the first two GAD-7 items, Kroenke et al., Ann Intern Med 2007).
 * Cut-offs FACTS Q-SHORT. The PHQ-2 does not ask about self-harm: it never raises the
 * crisis flag, and a low score is no reassurance about it.
 */
import { gad7 } from "./gad7.ts";
import { frequencyOptions, pfizerAttribution, type Questionnaire } from "./instrument.ts";
import { phq9 } from "./phq9.ts";

export const phq2: Questionnaire = {
  kind: "questionnaire",
  id: "phq2",
  name: "PHQ-2",
  title: "Patient Health Questionnaire-2 (depression screen)",
  stem: phq9.stem,
  items: phq9.items.slice(0, 2),
  options: frequencyOptions,
  bands: [
    {
      id: "negative",
      label: "Negative screen",
      min: 0,
      max: 1,
      meaning: "Below the screening cut-off. A screening score, not a diagnosis.",
    },
    {
      // FACTS Q-SHORT: ≥ 2 catches more (Arroll 2010), so Titrate suggests the PHQ-9 from 2
      id: "possible",
      label: "Possible depression",
      min: 2,
      max: 2,
      meaning:
        "Below the standard cut-off of 3, but 2 or more catches more cases: take the full PHQ-9 (titrate screen ask phq9).",
      followUp: "phq9",
    },
    {
      // FACTS Q-SHORT: PHQ-2 ≥ 3 is the standard positive screen
      id: "positive",
      label: "Positive screen",
      min: 3,
      max: 6,
      meaning: "A positive screen for depression: take the full PHQ-9 (titrate screen ask phq9).",
      followUp: "phq9",
    },
  ],
  crisisItemIndex: null,
  attribution: pfizerAttribution,
  facts: ["Q-SHORT", "Q-PHQ9"],
};

export const gad2: Questionnaire = {
  kind: "questionnaire",
  id: "gad2",
  name: "GAD-2",
  title: "Generalized Anxiety Disorder-2 (anxiety screen)",
  stem: gad7.stem,
  items: gad7.items.slice(0, 2),
  options: frequencyOptions,
  bands: [
    {
      id: "negative",
      label: "Negative screen",
      min: 0,
      max: 2,
      meaning: "Below the screening cut-off. A screening score, not a diagnosis.",
    },
    {
      // FACTS Q-SHORT: GAD-2 ≥ 3 suggests the full GAD-7
      id: "positive",
      label: "Positive screen",
      min: 3,
      max: 6,
      meaning: "A positive screen for anxiety: take the full GAD-7 (titrate screen ask gad7).",
      followUp: "gad7",
    },
  ],
  crisisItemIndex: null,
  attribution: pfizerAttribution,
  facts: ["Q-SHORT", "Q-GAD7"],
};
