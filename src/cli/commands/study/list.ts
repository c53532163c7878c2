import { listStudies } from "../../../store/study/coordinate.ts";
import { assertNoPositionals } from "../../args.ts";
import type { Command } from "../../command.ts";
import { withJournal } from "../../journal-context.ts";
import { journalOptions } from "../../journal-options.ts";
import { writeJson, writeLine } from "../../output.ts";

export const studyList: Command = {
  name: "study list",
  summary: "The studies you coordinate, newest first",
  options: { ...journalOptions },
  examples: ["titrate study list --user lee", "titrate study --json"],
  details: [
    "Studies are made and changed in the web app (Studies) or the API (POST /api/v1/studies); participants join there with an invitation code.",
  ],
  async run(context) {
    assertNoPositionals(context, "study list");
    const studies = await withJournal(context, ({ store, user, now }) =>
      listStudies(store.db, user.id, now),
    );
    if (context.json) {
      writeJson(context.io, { studies });
      return 0;
    }
    const { stdout } = context.io;
    if (studies.length === 0) writeLine(stdout, "You coordinate no study.");
    for (const s of studies) {
      writeLine(
        stdout,
        `${s.id}  ${s.title}  ${s.startDate} to ${s.endDate} (${s.state})  consent v${s.consentVersion}  ${s.participants} participant${s.participants === 1 ? "" : "s"}`,
      );
    }
    return 0;
  },
};
