/**
 * The Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams, J Gen Intern Med 2001):
 * the published items and answer scale, unchanged. Bands FACTS Q-PHQ9.
 */
import { frequencyOptions, pfizerAttribution, type Questionnaire } from "./instrument.ts";

export const phqStem =
  "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

export const phq9: Questionnaire = {
  kind: "questionnaire",
  id: "phq9",
  name: "PHQ-9",
  title: "Patient Health Questionnaire-9 (depression)",
  stem: phqStem,
  items: [
    { id: "interest", text: "Little interest or pleasure in doing things" },
    { id: "down", text: "Feeling down, depressed, or hopeless" },
    { id: "sleep", text: "Trouble falling or staying asleep, or sleeping too much" },
    { id: "tired", text: "Feeling tired or having little energy" },
    { id: "appetite", text: "Poor appetite or overeating" },
    {
      id: "failure",
      text: "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
    },
    {
      id: "concentrating",
      text: "Trouble concentrating on things, such as reading the newspaper or watching television",
    },
    {
      id: "moving",
      text: "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
    },
    {
      id: "self-harm",
      text: "Thoughts that you would be better off dead or of hurting yourself in some way",
    },
  ],
  options: frequencyOptions,
  // FACTS Q-PHQ9: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe
  bands: [
    {
      id: "minimal",
      label: "Minimal",
      min: 0,
      max: 4,
      meaning: "Minimal depressive symptoms. A screening score, not a diagnosis.",
    },
    {
      id: "mild",
      label: "Mild",
      min: 5,
      max: 9,
      meaning: "Mild depressive symptoms. Keep an eye on them; take the PHQ-9 again in 2 weeks.",
    },
    {
      id: "moderate",
      label: "Moderate",
      min: 10,
      max: 14,
      meaning:
        "Moderate depressive symptoms. Talk to a doctor or a mental-health professional about them.",
    },
    {
      id: "moderately-severe",
      label: "Moderately severe",
      min: 15,
      max: 19,
      meaning:
        "Moderately severe depressive symptoms. Talk to a doctor or a mental-health professional soon.",
    },
    {
      id: "severe",
      label: "Severe",
      min: 20,
      max: 27,
      meaning:
        "Severe depressive symptoms. Talk to a doctor or a mental-health professional soon; do not wait.",
    },
  ],
  // FACTS Q-PHQ9: item 9 above 0 needs an immediate safety response
  crisisItemIndex: 8,
  attribution: pfizerAttribution,
  facts: ["Q-PHQ9"],
};
