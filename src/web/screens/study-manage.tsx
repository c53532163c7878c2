/**
 * One study you coordinate (`/studies/manage?id=…`): where it stands, its invitations, its
 * dashboard, its consent versions and its export.
 */
import { useTimeZone } from "../app-context.ts";
import { LoadError } from "../components/load.tsx";
import { ConsentVersions } from "../components/study/consent-versions.tsx";
import { Dashboard } from "../components/study/dashboard.tsx";
import { ExportFiles } from "../components/study/export-files.tsx";
import { Invitations } from "../components/study/invitations.tsx";
import { StudyDesignSummary } from "../components/study/study-design.tsx";
import { followLink, queryParam } from "../router.ts";
import type { StudyView } from "../study-types.ts";
import { useApi } from "../use-api.ts";

const stateNames = { upcoming: "not started yet", running: "running", ended: "ended" } as const;

export default function StudyManageScreen() {
  const id = queryParam("id") ?? "";
  const timeZone = useTimeZone();
  const answer = useApi<StudyView>(`/api/v1/studies/${encodeURIComponent(id)}`);
  const study = answer.data;
  return (
    <>
      <p>
        <a href="/studies" onClick={followLink}>
          ← Your studies
        </a>
      </p>
      <h1>{study ? study.title : "Study"}</h1>
      <LoadError error={answer.error} />
      {answer.loading && !study ? <p class="muted">Loading…</p> : null}
      {study ? (
        <>
          <section class="card" aria-labelledby="overview-title">
            <h2 id="overview-title">Overview</h2>
            <p>
              The study is {stateNames[study.state]}. Participants: {study.participants.active}{" "}
              active, {study.participants.completed} completed,{" "}
              {study.participants.withdrawnKept + study.participants.withdrawnDeleted} withdrawn.
              Codes: {study.invitations.unused} unused, {study.invitations.used} used.
            </p>
            <StudyDesignSummary study={study} />
          </section>
          <Invitations
            studyId={study.id}
            timeZone={timeZone}
            closed={study.state === "ended"}
            onChange={answer.reload}
          />
          <Dashboard key={study.updatedAt + study.participants.active} studyId={study.id} />
          <ConsentVersions
            key={study.consent.version}
            study={study}
            timeZone={timeZone}
            onChange={answer.reload}
          />
          <ExportFiles study={study} />
        </>
      ) : null}
    </>
  );
}
