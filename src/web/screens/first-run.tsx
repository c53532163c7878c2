/**
 * The first run, step 1: choose a username and passphrase (POST /api/v1/setup). Step 2, the
 * profile, is its own chunk (setup-profile.tsx): it needs Zod and the profile's schema,
 * which this step does not, so the first screen a new person sees loads little. Every field
 * is checked here first, with the server's rules (src/server/schemas/auth.ts), so each
 * field's problem shows under it at once, not only the last one found.
 */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { navigate } from "../router.ts";
import { useSubmit } from "../use-submit.ts";

const MIN_PASSPHRASE = 10;

/** Every field's problem, as the server would name it; empty when the form can be sent. */
export function setupProblems(
  username: string,
  passphrase: string,
  repeat: string,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const name = username.trim().toLowerCase();
  if (name.length < 2) {
    problems.push({ path: "username", message: "must be at least 2 characters long" });
  } else if (name.length > 32) {
    problems.push({ path: "username", message: "must be at most 32 characters long" });
  } else if (!/^[a-z0-9][a-z0-9._-]*$/u.test(name)) {
    problems.push({
      path: "username",
      message:
        'may hold only letters a–z, digits, ".", "_" and "-", and must start with a letter or digit',
    });
  }
  if ([...passphrase].length < MIN_PASSPHRASE) {
    problems.push({
      path: "passphrase",
      message: `must be at least ${MIN_PASSPHRASE} characters; four or more random words are strong and memorable`,
    });
  }
  if (passphrase !== repeat) {
    problems.push({ path: "repeat", message: "does not match the passphrase above" });
  }
  return problems;
}

export default function ChoosePassphrase() {
  const { reloadSession } = useApp();
  const [username, setUsername] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const form = useSubmit(async () => {
    const problems = setupProblems(username, passphrase, repeat);
    if (problems.length > 0) {
      throw Object.assign(new Error("Check the fields marked."), { fields: problems });
    }
    await api.post("/api/v1/setup", { username, passphrase });
    // Step 2 asks for the profile, or (on a journal `titrate init` made) what is missing.
    navigate("/setup?step=2", { replace: true });
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
