/** `titrate study`: a coordinator's studies from the terminal (study mode, docs/decisions.md). */
import type { CommandGroup } from "../command.ts";
import { studyDashboardCommand } from "./study/dashboard.ts";
import { studyExportCommand } from "./study/export.ts";
import { studyList } from "./study/list.ts";

export const group: CommandGroup = {
  name: "study",
  summary: "Studies you coordinate: list them, their dashboard, their de-identified export",
  commands: [studyList, studyDashboardCommand, studyExportCommand],
  defaultCommand: "list",
};
