/**
 * Settings: the profile (weight and its history, units, time zone, country and crisis
 * numbers, conditions), medications, the passphrase and signed-in devices, export, import
 * (Titrate's own files and PsychonautWiki Journal's), a backup on the server, and erasing
 * everything (which also clears this browser's offline copy of the app).
 */
import { useRef, useState } from "preact/hooks";
import { api, download, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { Confirm } from "../components/confirm.tsx";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { FindingList } from "../components/findings.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import {
  ConfirmWeightChange,
  isBigWeightChange,
  ProfileFields,
  profileForm,
  toProfile,
} from "../components/profile-fields.tsx";
import { StatusNotice } from "../components/status-notice.tsx";
import { listText, weightText } from "../lib/format.ts";
import { formatWhen } from "../lib/time.ts";
import { navigate } from "../router.ts";
import type {
  Finding,
  Medication,
  Profile as ProfileType,
  SessionInfo,
  WeightEntry,
} from "../types.ts";
import { useApi } from "../use-api.ts";
import { useSubmit } from "../use-submit.ts";

export default function SettingsScreen() {
  return (
    <>
      <h1>Settings</h1>
      <ProfileSection />
      <MedicationsSection />
      <PassphraseSection />
      <SessionsSection />
      <DataSection />
      <EraseSection />
    </>
  );
}

function Saved({ when }: { when: boolean }) {
  return <StatusNotice>{when ? "Saved." : null}</StatusNotice>;
}

function ProfileSection() {
  const { profile, reloadProfile } = useApp();
  const weights = useApi<{ weights: WeightEntry[] } | WeightEntry[]>("/api/v1/profile/weights");
  const timeZone = useTimeZone();
  const [form, setForm] = useState(() => profileForm(profile));
  const [saved, setSaved] = useState(false);
  // A weight more than 20 % from the current one is saved only after a confirmation.
  const [pending, setPending] = useState<ProfileType | null>(null);
  const afterSave = async () => {
    setPending(null);
    setSaved(true);
    await reloadProfile();
    await weights.reload();
  };
  const submit = useSubmit(async () => {
    setSaved(false);
    const next = toProfile(form);
    if (isBigWeightChange(profile?.weightKg ?? null, next.weightKg)) {
      setPending(next);
      return;
    }
    await api.patch("/api/v1/profile", next);
    await afterSave();
  });
  const confirm = useSubmit(async () => {
    if (pending) await api.patch("/api/v1/profile", pending);
    await afterSave();
  });
  const history = listOf(weights.data, "weights");
  return (
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Your profile</h2>
      <form onSubmit={submit.submit} noValidate>
        <FormErrors
          messages={otherErrors(submit.error, [
            "weightKg",
            "units",
            "timeZone",
            "country",
            "emergencyNumber",
            "helpline",
            "conditions",
          ])}
        />
        <ProfileFields form={form} onChange={setForm} error={submit.error} />
        <button type="submit" class="button" disabled={submit.busy}>
          Save profile
        </button>
        <Saved when={saved} />
      </form>
      {pending && profile?.weightKg != null && pending.weightKg !== null ? (
        <ConfirmWeightChange
          before={profile.weightKg}
          after={pending.weightKg}
          units={pending.units}
          busy={confirm.busy}
          error={confirm.error}
          onConfirm={() => void confirm.submit()}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <h3>Weight history</h3>
      <LoadError error={weights.error} />
      {history.length === 0 ? (
        <p class="muted">No weights recorded yet.</p>
      ) : (
        <ul>
          {[...history].reverse().map((w) => (
            <li key={w.at}>
              {formatWhen(w.at, timeZone)}: {weightText(w.weightKg, profile?.units ?? "metric")}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MedicationsSection() {
  const timeZone = useTimeZone();
  const medications = useApi<{ medications: Medication[] } | Medication[]>("/api/v1/medications");
  const [name, setName] = useState("");
  const add = useSubmit(
    () => api.post("/api/v1/medications", { name: name.trim() }),
    async () => {
      setName("");
      await medications.reload();
    },
  );
  const list = listOf(medications.data, "medications");
  const current = list.filter((m) => m.endedAt === null);
  return (
    <section class="card" aria-labelledby="meds-title">
      <h2 id="meds-title">Medications</h2>
      <p class="hint">
        Medicines you take regularly. Titrate checks each dose against them (FACTS K-MIX-1, K-CYP-1,
        P-MIX-1).
      </p>
      <LoadError error={medications.error} />
      {current.length === 0 ? <p class="muted">None recorded.</p> : null}
      <ul class="plain">
        {current.map((m) => (
          <MedicationItem
            key={m.id}
            medication={m}
            timeZone={timeZone}
            onChange={medications.reload}
          />
        ))}
      </ul>
      <form onSubmit={add.submit} noValidate>
        <FormErrors messages={otherErrors(add.error, ["name"])} />
        <Field id="med-name" label="Add a medication" error={fieldError(add.error, "name")}>
          <input
            {...describedBy("med-name", { error: fieldError(add.error, "name") })}
            autoComplete="off"
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <button type="submit" class="button secondary" disabled={add.busy}>
            Add
          </button>
        </Field>
      </form>
    </section>
  );
}

function MedicationItem({
  medication,
  timeZone,
  onChange,
}: {
  medication: Medication;
  timeZone: string;
  onChange: () => Promise<void>;
}) {
  const end = useSubmit(
    () => api.post(`/api/v1/medications/${encodeURIComponent(medication.id)}/end`),
    onChange,
  );
  return (
    <li class="entry entry-head">
      <span>
        <strong>{medication.name}</strong>{" "}
        <span class="muted">since {formatWhen(medication.addedAt, timeZone)}</span>
      </span>
      <button
        type="button"
        class="button secondary"
        onClick={() => void end.submit()}
        disabled={end.busy}
      >
        I stopped taking it<span class="visually-hidden">: {medication.name}</span>
      </button>
    </li>
  );
}

function PassphraseSection() {
  const [currentPassphrase, setCurrent] = useState("");
  const [newPassphrase, setNew] = useState("");
  const [result, setResult] = useState<{
    otherSessionsEnded: number;
    passphraseHint: string;
  } | null>(null);
  const submit = useSubmit(
    () =>
      api.post<{ otherSessionsEnded: number; passphraseHint: string }>("/api/v1/auth/passphrase", {
        currentPassphrase,
        newPassphrase,
      }),
    (answer) => {
      setResult(answer);
      setCurrent("");
      setNew("");
    },
  );
  const e = submit.error;
  return (
    <section class="card" aria-labelledby="pass-title">
      <h2 id="pass-title">Passphrase</h2>
      <form onSubmit={submit.submit} noValidate>
        <FormErrors messages={otherErrors(e, ["currentPassphrase", "newPassphrase"])} />
        <Field
          id="pass-current"
          label="Current passphrase"
          error={fieldError(e, "currentPassphrase")}
        >
          <input
            {...describedBy("pass-current", { error: fieldError(e, "currentPassphrase") })}
            type="password"
            autoComplete="current-password"
            value={currentPassphrase}
            onInput={(ev) => setCurrent(ev.currentTarget.value)}
          />
        </Field>
        <Field
          id="pass-new"
          label="New passphrase"
          hint="At least 10 characters; four or more random words are strong."
          error={fieldError(e, "newPassphrase")}
        >
          <input
            {...describedBy("pass-new", { hint: true, error: fieldError(e, "newPassphrase") })}
            type="password"
            autoComplete="new-password"
            value={newPassphrase}
            onInput={(ev) => setNew(ev.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={submit.busy}>
          Change passphrase
        </button>
      </form>
      <StatusNotice>
        {result ? (
          <>
            Changed. {result.passphraseHint} {result.otherSessionsEnded} other device
            {result.otherSessionsEnded === 1 ? " was" : "s were"} signed out.
          </>
        ) : null}
      </StatusNotice>
    </section>
  );
}

function SessionsSection() {
  const timeZone = useTimeZone();
  const sessions = useApi<{ sessions: SessionInfo[] }>("/api/v1/auth/sessions");
  const ending = useRef<string | null>(null);
  // A failure is shown here, never left as an unhandled rejection in the console.
  const end = useSubmit(async () => {
    const id = ending.current;
    if (id) await api.delete(`/api/v1/auth/sessions/${encodeURIComponent(id)}`);
    await sessions.reload();
  });
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Signed-in devices</h2>
      <LoadError error={sessions.error} />
      <FormErrors messages={otherErrors(end.error, [])} />
      <ul class="plain">
        {(sessions.data?.sessions ?? []).map((s) => (
          <li key={s.id} class="entry">
            <p>
              <strong>{s.current ? "This browser" : (s.userAgent ?? "Unknown device")}</strong>
            </p>
            <p class="muted">
              Signed in {formatWhen(s.createdAt, timeZone)}; last seen{" "}
              {formatWhen(s.lastSeenAt, timeZone)}
            </p>
            {s.current ? null : (
              <button
                type="button"
                class="button secondary"
                disabled={end.busy}
                onClick={() => {
                  ending.current = s.id;
                  void end.submit();
                }}
              >
                Sign this device out
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DataSection() {
  const [source, setSource] = useState<"titrate" | "psychonautwiki">("titrate");
  const [file, setFile] = useState<File | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  // The dry run's answer: what the import would do; importing is offered only after it.
  const [checked, setChecked] = useState<ImportAnswer | null>(null);
  const [backup, setBackup] = useState<string | null>(null);
  const readFile = async (): Promise<unknown> => {
    if (!file) {
      throw Object.assign(new Error("Choose a file first."), {
        fields: [{ path: "file", message: "choose a file to import" }],
      });
    }
    try {
      return JSON.parse(await file.text());
    } catch {
      throw Object.assign(new Error("This file is not JSON."), {
        fields: [
          {
            path: "file",
            message: "is not a JSON file; choose a Titrate or PsychonautWiki Journal export",
          },
        ],
      });
    }
  };
  const checkFile = useSubmit(
    async () => {
      setImported(null);
      return api.post<ImportAnswer>(`/api/v1/import?from=${source}&dryRun=true`, await readFile());
    },
    (answer) => setChecked(answer),
  );
  const importFile = useSubmit(
    async () => api.post<ImportAnswer>(`/api/v1/import?from=${source}`, await readFile()),
    (answer) => {
      setChecked(null);
      setImported(describeImport(answer, false));
    },
  );
  const importError = checkFile.error ?? importFile.error;
  const reset = () => {
    setChecked(null);
    setImported(null);
  };
  const [backupPassphrase, setBackupPassphrase] = useState("");
  const makeBackup = useSubmit(
    () =>
      download(
        "/api/v1/backup",
        backupPassphrase === "" ? {} : { passphrase: backupPassphrase },
        "titrate-backup.db",
      ),
    (name) => {
      setBackup(name);
      setBackupPassphrase("");
    },
  );
  return (
    <section class="card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <h3>Export</h3>
      <p>Everything in your journal, to keep or to share with someone you choose.</p>
      <div class="actions">
        <a
          class="button secondary"
          href="/api/v1/export?format=json"
          download="titrate-export.json"
        >
          Export as JSON
        </a>
        <a class="button secondary" href="/api/v1/export?format=csv" download="titrate-export.zip">
          Export as CSV
        </a>
      </div>
      <h3>Import</h3>
      <p>
        Records you already have are skipped; one that differs keeps your version. Check the file
        first: Titrate says what it would add, and writes nothing until you import it.
      </p>
      <form onSubmit={checkFile.submit} noValidate>
        <FormErrors messages={otherErrors(importError, ["file"])} />
        <div class="choices" role="radiogroup" aria-label="Import from">
          <label class="check">
            <input
              type="radio"
              name="import-from"
              checked={source === "titrate"}
              onChange={() => {
                setSource("titrate");
                reset();
              }}
            />
            A Titrate export (JSON)
          </label>
          <label class="check">
            <input
              type="radio"
              name="import-from"
              checked={source === "psychonautwiki"}
              onChange={() => {
                setSource("psychonautwiki");
                reset();
              }}
            />
            PsychonautWiki Journal export
          </label>
        </div>
        <Field id="import-file" label="File" error={fieldError(importError, "file")}>
          <input
            {...describedBy("import-file", { error: fieldError(importError, "file") })}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
        </Field>
        <button type="submit" class="button secondary" disabled={checkFile.busy}>
          {checkFile.busy ? "Checking…" : "Check the file"}
        </button>
      </form>
      {checked ? (
        <div class="result" role="status">
          <p>
            <strong>Nothing is imported yet.</strong> {describeImport(checked, true)}
          </p>
          <FindingList
            findings={checked.findings ?? []}
            title="What the imported history would show"
          />
          <div class="actions">
            <button
              type="button"
              class="button"
              disabled={importFile.busy}
              onClick={() => void importFile.submit()}
            >
              {importFile.busy ? "Importing…" : "Import it"}
            </button>
            <button type="button" class="button secondary" onClick={reset}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <StatusNotice>{imported || null}</StatusNotice>
      <h3>Backup</h3>
      <p>
        A copy of your account to keep elsewhere; <code>titrate restore</code> brings it back on any
        machine.
      </p>
      <form onSubmit={makeBackup.submit} noValidate>
        <FormErrors messages={otherErrors(makeBackup.error, ["passphrase"])} />
        <Field
          id="backup-passphrase"
          label="Passphrase for the backup (recommended)"
          hint="At least 10 characters. Without one, anyone who gets the file can read it. A lost backup passphrase cannot be recovered."
          error={fieldError(makeBackup.error, "passphrase")}
        >
          <input
            {...describedBy("backup-passphrase", {
              hint: true,
              error: fieldError(makeBackup.error, "passphrase"),
            })}
            type="password"
            autoComplete="new-password"
            value={backupPassphrase}
            onInput={(e) => setBackupPassphrase(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button secondary" disabled={makeBackup.busy}>
          {makeBackup.busy ? "Making the backup…" : "Download a backup"}
        </button>
      </form>
      <StatusNotice>{backup ? `Downloaded ${backup}.` : null}</StatusNotice>
    </section>
  );
}

interface ImportAnswer {
  readonly dryRun?: boolean;
  readonly profile?: "added" | "unchanged" | "kept-yours" | "none";
  readonly counts?: Record<string, { added: number; skipped: number; conflicts: number }>;
  readonly conflicts?: readonly unknown[];
  readonly findings?: readonly Finding[];
}

/** The export's tables in words: one, and more than one. */
const tableWords: Readonly<Record<string, readonly [string, string]>> = {
  weights: ["weight", "weights"],
  medications: ["medication", "medications"],
  batches: ["batch", "batches"],
  reagentTests: ["reagent test", "reagent tests"],
  presets: ["saved dose", "saved doses"],
  plans: ["plan", "plans"],
  doses: ["dose", "doses"],
  otherSubstances: ["other substance", "other substances"],
  checkIns: ["check-in", "check-ins"],
  symptomReports: ["symptom report", "symptom reports"],
  bloodPressures: ["blood-pressure reading", "blood-pressure readings"],
  screenings: ["screening", "screenings"],
  notes: ["note", "notes"],
  findingAcknowledgements: ["finding marked as read", "findings marked as read"],
};

function countWords(n: number, table: string): string {
  const words = tableWords[table];
  if (!words) return `${n} ${table.replace(/([a-z])([A-Z])/gu, "$1 $2").toLowerCase()}`;
  return `${n} ${n === 1 ? words[0] : words[1]}`;
}

/** An import's answer in words: what was (or, checked first, would be) added, skipped, kept. */
function describeImport(answer: ImportAnswer, dryRun: boolean): string {
  const counts = Object.entries(answer?.counts ?? {});
  const added = counts
    .filter(([, c]) => c.added > 0)
    .map(([table, c]) => countWords(c.added, table));
  const skipped = counts.reduce((sum, [, c]) => sum + c.skipped, 0);
  const conflicts = answer?.conflicts?.length ?? 0;
  const list = listText(added);
  return [
    added.length > 0
      ? dryRun
        ? `This file would add ${list}.`
        : `Imported ${list}.`
      : dryRun
        ? "This file holds nothing new for your journal."
        : "Nothing new to import.",
    skipped > 0
      ? `${skipped} already in your journal ${dryRun ? "would be" : "were"} skipped.`
      : "",
    conflicts > 0
      ? `${conflicts} ${conflicts === 1 ? "differs" : "differ"} from yours: yours ${dryRun ? "would be" : "were"} kept.`
      : "",
    answer?.profile === "kept-yours" ? "Your profile is kept as it is." : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function EraseSection() {
  const { reloadSession } = useApp();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const erase = useSubmit(
    async () => {
      await api.post("/api/v1/account/erase", { confirm: typed });
      await clearOfflineCopies();
    },
    async () => {
      navigate("/", { replace: true });
      await reloadSession();
    },
  );
  const word = ERASE_CONFIRMATION;
  return (
    <section class="card" aria-labelledby="erase-title">
      <h2 id="erase-title">Erase everything</h2>
      <p>
        Deletes your whole journal and account from this server, and this browser's offline copy of
        the app. It cannot be undone: export first if you want to keep anything.
      </p>
      <button type="button" class="button danger" onClick={() => setAsking(true)}>
        Erase everything…
      </button>
      {asking ? (
        <Confirm
          title="Erase everything?"
          confirmLabel="Erase everything"
          busy={erase.busy}
          onConfirm={() => void erase.submit()}
          onCancel={() => setAsking(false)}
        >
          <p>Every dose, check-in, plan and setting goes, for good.</p>
          <Field id="erase-confirm" label={`Type “${word}” to confirm`}>
            <input
              id="erase-confirm"
              autoComplete="off"
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          </Field>
          <FormErrors messages={otherErrors(erase.error, [])} />
        </Confirm>
      ) : null}
    </section>
  );
}

/** What the server asks to be typed before it erases an account. */
const ERASE_CONFIRMATION = "erase my data";

/** Deletes the app's caches and service worker, so nothing of it stays in this browser. */
async function clearOfflineCopies(): Promise<void> {
  if ("caches" in window) {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.startsWith("titrate-")).map((k) => caches.delete(k)));
  }
  if ("serviceWorker" in navigator) {
    const registrations = await navigator.serviceWorker.getRegistrations();
    await Promise.all(registrations.map((r) => r.unregister()));
  }
}
