/**
 * The Generalized Anxiety Disorder-7 scale (Spitzer et al., Arch Intern Med 2006): the
 * published items and answer scale, unchanged. Bands FACTS Q-GAD7.
 */
import { frequencyOptions, pfizerAttribution, type Questionnaire } from "./instrument.ts";

export const gadStem =
  "Over the last 2 weeks, how often have you been bothered by the following problems?";

export const gad7: Questionnaire = {
  kind: "questionnaire",
  id: "gad7",
  name: "GAD-7",
  title: "Generalized Anxiety Disorder-7 (anxiety)",
  stem: gadStem,
  items: [
    { id: "nervous", text: "Feeling nervous, anxious or on edge" },
    { id: "worrying", text: "Not being able to stop or control worrying" },
    { id: "worrying-too-much", text: "Worrying too much about different things" },
    { id: "relaxing", text: "Trouble relaxing" },
    { id: "restless", text: "Being so restless that it is hard to sit still" },
    { id: "irritable", text: "Becoming easily annoyed or irritable" },
    { id: "afraid", text: "Feeling afraid as if something awful might happen" },
  ],
  options: frequencyOptions,
  // FACTS Q-GAD7: 5 / 10 / 15 mark mild / moderate / severe
  bands: [
    {
      id: "minimal",
      label: "Minimal",
      min: 0,
      max: 4,
      meaning: "Minimal anxiety symptoms. A screening score, not a diagnosis.",
    },
    {
      id: "mild",
      label: "Mild",
      min: 5,
      max: 9,
      meaning: "Mild anxiety symptoms. Keep an eye on them; take the GAD-7 again in 2 weeks.",
    },
    {
      id: "moderate",
      label: "Moderate",
      min: 10,
      max: 14,
      meaning:
        "Moderate anxiety symptoms. Talk to a doctor or a mental-health professional about them.",
    },
    {
      id: "severe",
      label: "Severe",
      min: 15,
      max: 21,
      meaning:
        "Severe anxiety symptoms. Talk to a doctor or a mental-health professional soon; do not wait.",
    },
  ],
  crisisItemIndex: null,
  attribution: pfizerAttribution,
  facts: ["Q-GAD7"],
};
