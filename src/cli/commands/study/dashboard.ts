import { countText } from "../../../core/safety/format.ts";
import { studyDashboard } from "../../../store/study/dashboard.ts";
import { assertNoPositionals, requiredString } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";

export const studyDashboardCommand: Command = {
  name: "study dashboard",
  summary: "A study's progress and weekly means, pseudonymous",
  options: {
    study: {
      type: "string",
      value: "ID",
      description: "The study's id (see `titrate study list`).",
    },
    ...journalOptions,
  },
  examples: ["titrate study dashboard --study stu_0123456789ab --user lee"],
  details: [
    "The same figures as the web app's dashboard: participants by status, and per week since each participant's first day the number of check-ins and doses and the mean (SD, n) of each check-in item. --json adds every participant's progress under their pseudonym.",
  ],
  async run(context) {
    assertNoPositionals(context, "study dashboard");
    const id = requiredString(context, "study", "stu_0123456789ab");
    const dashboard = await withJournal(context, ({ store, user, now }) =>
      studyDashboard(store.db, user.id, id, now),
    );
    if (context.json) {
      writeJson(context.io, dashboard);
      return 0;
    }
    const { stdout } = context.io;
    const p = dashboard.participants;
    writeLine(
      stdout,
      `Participants: ${p.active} active, ${p.completed} completed, ${p.withdrawnKept} withdrawn (data kept), ${p.withdrawnDeleted} withdrawn (data deleted)`,
    );
    for (const week of dashboard.weeks) {
      const items = dashboard.checkInItems
        .map((item) => {
          const s = week.items[item];
          return s && s.mean !== null
            ? `${item} ${s.mean.toFixed(1)} (SD ${s.sd?.toFixed(1) ?? "–"}, n ${s.n})`
            : `${item} –`;
        })
        .join(", ");
      writeLine(
        stdout,
        `week ${week.week}: ${countText(week.checkIns, "check-in")}, ${countText(week.doses, "dose")}; ${items}`,
      );
    }
    for (const q of dashboard.questionnaires) {
      if (q.crisisAnswers > 0) {
        writeLine(
          stdout,
          `${q.instrument}: ${q.crisisAnswers} answer${q.crisisAnswers === 1 ? "" : "s"} signalled a risk of self-harm (the participant was shown crisis resources)`,
        );
      }
    }
    return 0;
  },
};
