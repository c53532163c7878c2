import type { CommandGroup } from "../command.ts";
import { calcDose } from "./calc/dose.ts";
import { calcSolution } from "./calc/solution.ts";
import { calcSpray } from "./calc/spray.ts";

export const group: CommandGroup = {
  name: "calc",
  summary: "Dose, solution and nasal-spray calculators (nothing is stored)",
  commands: [calcDose, calcSolution, calcSpray],
};
