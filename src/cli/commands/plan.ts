import type { CommandGroup } from "../command.ts";
import { planIcs } from "./plan/ics.ts";
import { planPreview } from "./plan/preview.ts";

export const group: CommandGroup = {
  name: "plan",
  summary: "Dosing plans: preview the days and times, export them to a calendar",
  commands: [planPreview, planIcs],
};
