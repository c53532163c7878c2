import type { CommandGroup } from "../command.ts";
import { planIcs } from "./plan/ics.ts";
import { planPreview } from "./plan/preview.ts";
import { planCreate, planEnd, planList, planMoveZone } from "./plan/stored.ts";

export const group: CommandGroup = {
  name: "plan",
  summary: "Dosing plans: preview, export to a calendar, store and follow",
  commands: [planPreview, planIcs, planCreate, planList, planEnd, planMoveZone],
};
