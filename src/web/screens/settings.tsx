/**
 * Settings: the profile (weight and its history, units, time zone, country and crisis
 * numbers, conditions), medications, the passphrase and signed-in devices, export, import
 * (Titrate's own files and PsychonautWiki Journal's), a backup on the server, and erasing
 * everything (which also clears this browser's offline copy of the app).
 */
import { useState } from "preact/hooks";
import { api, download, fieldError, otherErrors } from "../api.ts";
import { useApp, useTimeZone } from "../app-context.ts";
import { Confirm } from "../components/confirm.tsx";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { LoadError, listOf } from "../components/load.tsx";
import { ProfileFields, profileForm, toProfile } from "../components/profile-fields.tsx";
import { weightText } from "../lib/format.ts";
import { formatWhen } from "../lib/time.ts";
import { navigate } from "../router.ts";
import type { Medication, SessionInfo, WeightEntry } from "../types.ts";
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
  return when ? (
    <p class="notice success" role="status">
      Saved.
    </p>
  ) : null;
}

function ProfileSection() {
  const { profile, reloadProfile } = useApp();
  const weights = useApi<{ weights: WeightEntry[] } | WeightEntry[]>("/api/v1/profile/weights");
  const timeZone = useTimeZone();
  const [form, setForm] = useState(() => profileForm(profile));
  const [saved, setSaved] = useState(false);
  const submit = useSubmit(
    async () => {
      setSaved(false);
      await api.patch("/api/v1/profile", toProfile(form));
    },
    async () => {
      setSaved(true);
      await reloadProfile();
      await weights.reload();
    },
  );
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
      {result ? (
        <p class="notice success" role="status">
          Changed. {result.passphraseHint} {result.otherSessionsEnded} other device
          {result.otherSessionsEnded === 1 ? " was" : "s were"} signed out.
        </p>
      ) : null}
    </section>
  );
}

function SessionsSection() {
  const timeZone = useTimeZone();
  const sessions = useApi<{ sessions: SessionInfo[] }>("/api/v1/auth/sessions");
  const end = async (id: string) => {
    await api.delete(`/api/v1/auth/sessions/${encodeURIComponent(id)}`);
    await sessions.reload();
  };
  return (
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Signed-in devices</h2>
      <LoadError error={sessions.error} />
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
              <button type="button" class="button secondary" onClick={() => void end(s.id)}>
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
  const [backup, setBackup] = useState<string | null>(null);
  const importFile = useSubmit(
    async () => {
      if (!file) {
        throw Object.assign(new Error("Choose a file first."), {
          fields: [{ path: "file", message: "choose a file to import" }],
        });
      }
      let document: unknown;
      try {
        document = JSON.parse(await file.text());
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
      return api.post<unknown>(`/api/v1/import?from=${source}`, document);
    },
    (answer) => setImported(describeImport(answer)),
  );
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
      <form onSubmit={importFile.submit} noValidate>
        <FormErrors messages={otherErrors(importFile.error, ["file"])} />
        <div class="choices" role="radiogroup" aria-label="Import from">
          <label class="check">
            <input
              type="radio"
              name="import-from"
              checked={source === "titrate"}
              onChange={() => setSource("titrate")}
            />
            A Titrate export (JSON)
          </label>
          <label class="check">
            <input
              type="radio"
              name="import-from"
              checked={source === "psychonautwiki"}
              onChange={() => setSource("psychonautwiki")}
            />
            PsychonautWiki Journal export
          </label>
        </div>
        <Field id="import-file" label="File" error={fieldError(importFile.error, "file")}>
          <input
            {...describedBy("import-file", { error: fieldError(importFile.error, "file") })}
            type="file"
            accept=".json,application/json"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </Field>
        <button type="submit" class="button secondary" disabled={importFile.busy}>
          {importFile.busy ? "Importing…" : "Import"}
        </button>
      </form>
      {imported ? (
        <p class="notice success" role="status">
          {imported}
        </p>
      ) : null}
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
      {backup ? (
        <p class="notice success" role="status">
          Downloaded {backup}.
        </p>
      ) : null}
    </section>
  );
}

interface ImportAnswer {
  readonly counts?: Record<string, { added: number; skipped: number; conflicts: number }>;
  readonly conflicts?: readonly unknown[];
}

/** An import's answer in words: what was added, skipped, and kept as yours. */
function describeImport(answer: unknown): string {
  const counts = Object.entries((answer as ImportAnswer)?.counts ?? {});
  const added = counts.filter(([, c]) => c.added > 0).map(([table, c]) => `${c.added} ${table}`);
  const skipped = counts.reduce((sum, [, c]) => sum + c.skipped, 0);
  const conflicts = (answer as ImportAnswer)?.conflicts?.length ?? 0;
  return [
    added.length > 0 ? `Imported ${added.join(", ")}.` : "Nothing new to import.",
    skipped > 0 ? `${skipped} already in your journal were skipped.` : "",
    conflicts > 0 ? `${conflicts} differed from yours: yours were kept.` : "",
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
