import type { CommandGroup } from "../command.ts";
import { experimentGuess } from "./experiment/guess.ts";
import { experimentReportCommand } from "./experiment/report.ts";
import { experimentStart } from "./experiment/start.ts";
import { experimentStatus } from "./experiment/status.ts";
import { experimentTodayCommand } from "./experiment/today.ts";
import { experimentUnblind } from "./experiment/unblind.ts";

export const group: CommandGroup = {
  name: "experiment",
  summary: "A blinded self-experiment: active against placebo, without knowing which is which",
  commands: [
    experimentStart,
    experimentTodayCommand,
    experimentGuess,
    experimentUnblind,
    experimentReportCommand,
    experimentStatus,
  ],
  defaultCommand: "status",
};
