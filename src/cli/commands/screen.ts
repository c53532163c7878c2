import type { CommandGroup } from "../command.ts";
import { screenAsk } from "./screen/ask.ts";
import { screenList } from "./screen/list.ts";
import { screenScore } from "./screen/score.ts";

export const group: CommandGroup = {
  name: "screen",
  summary: "Questionnaires (PHQ-9, GAD-7, PHQ-2, GAD-2) and symptom checklists (nothing is stored)",
  commands: [screenAsk, screenScore, screenList],
};
