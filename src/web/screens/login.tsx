/** Sign in with the username and passphrase chosen at first run. */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { followLink } from "../router.ts";

export function LoginScreen() {
  const { reloadSession } = useApp();
  const [username, setUsername] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post("/api/v1/auth/login", { username, passphrase });
      setError(null);
      await reloadSession();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const usernameError = fieldError(error, "username");
  const passphraseError = fieldError(error, "passphrase");
  return (
    <main class="narrow" id="main">
      <header class="welcome">
        <img src="/icon.svg" alt="" width="48" height="48" />
        <h1>Sign in to Titrate</h1>
      </header>
      <form onSubmit={submit} noValidate>
        <FormErrors messages={otherErrors(error, ["username", "passphrase"])} />
        <Field id="login-username" label="Username" error={usernameError}>
          <input
            {...describedBy("login-username", { error: usernameError })}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </Field>
        <Field id="login-passphrase" label="Passphrase" error={passphraseError}>
          <input
            {...describedBy("login-passphrase", { error: passphraseError })}
            type="password"
            name="passphrase"
            autoComplete="current-password"
            required
            value={passphrase}
            onInput={(e) => setPassphrase(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        Invited to a study?{" "}
        <a href="/join" onClick={followLink}>
          Join with your invitation code
        </a>
        .
      </p>
      <p class="muted">
        Lost your passphrase? It cannot be recovered — Titrate keeps only a hash of it — but it can
        be reset on the machine that holds the journal: run <code>titrate passphrase</code> there
        and choose a new one.
      </p>
    </main>
  );
}
