/**
 * The first run: choose a username and passphrase (POST /api/v1/setup), then a short setup
 * of the profile (PATCH /api/v1/profile creates it), then the plain safety page.
 */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { ProfileFields, profileForm, toProfile } from "../components/profile-fields.tsx";
import { navigate } from "../router.ts";
import { useSubmit } from "../use-submit.ts";

export default function FirstRun() {
  const { session } = useApp();
  return session.authenticated ? <SetupProfile /> : <ChoosePassphrase />;
}

function ChoosePassphrase() {
  const { reloadSession } = useApp();
  const [username, setUsername] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const form = useSubmit(async () => {
    if (passphrase !== repeat) {
      throw Object.assign(new Error("The two passphrases differ."), {
        fields: [{ path: "repeat", message: "does not match the passphrase above" }],
      });
    }
    await api.post("/api/v1/setup", { username, passphrase });
    navigate("/setup", { replace: true });
    await reloadSession();
  });
  const usernameError = fieldError(form.error, "username");
  const passphraseError = fieldError(form.error, "passphrase");
  const repeatError = fieldError(form.error, "repeat");
  return (
    <main class="narrow" id="main">
      <header class="welcome">
        <img src="/icon.svg" alt="" width="48" height="48" />
        <h1>Welcome to Titrate</h1>
      </header>
      <p>
        A private journal and planner for microdosing, kept on this machine. First, protect it with
        a passphrase.
      </p>
      <p class="muted">Step 1 of 3</p>
      <form onSubmit={form.submit} noValidate>
        <FormErrors messages={otherErrors(form.error, ["username", "passphrase", "repeat"])} />
        <Field
          id="setup-username"
          label="Username"
          hint="2–32 characters: letters a–z, digits, dot, underscore or dash."
          error={usernameError}
        >
          <input
            {...describedBy("setup-username", { hint: true, error: usernameError })}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </Field>
        <Field
          id="setup-passphrase"
          label="Passphrase"
          hint="At least 10 characters. Four or more random words are strong and easy to remember. It cannot be recovered if lost."
          error={passphraseError}
        >
          <input
            {...describedBy("setup-passphrase", { hint: true, error: passphraseError })}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </Field>
        <Field id="setup-repeat" label="The passphrase again" error={repeatError}>
          <input
            {...describedBy("setup-repeat", { error: repeatError })}
            type="password"
            autoComplete="new-password"
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={form.busy}>
          {form.busy ? "Saving…" : "Continue"}
        </button>
      </form>
    </main>
  );
}

function SetupProfile() {
  const { reloadProfile } = useApp();
  const [form, setForm] = useState(() => profileForm(null));
  const submit = useSubmit(async () => {
    const profile = toProfile(form);
    await api.patch("/api/v1/profile", profile);
    navigate("/safety?first=1", { replace: true });
    await reloadProfile();
  });
  return (
    <main class="narrow" id="main">
      <h1>About you</h1>
      <p class="muted">Step 2 of 3</p>
      <p>
        Titrate uses this to size doses, count days in your time zone, show the right crisis
        numbers, and warn you about risks that apply to you. You can change all of it later in
        Settings.
      </p>
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
          {submit.busy ? "Saving…" : "Save and continue"}
        </button>
      </form>
    </main>
  );
}
