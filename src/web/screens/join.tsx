/**
 * Joining a study with an invitation code, signed out (a new account is made in the same step)
 * or signed in (with the account one has). First the code shows the study and the consent to
 * read; joining accepts exactly that version (the server refuses if it changed meanwhile).
 */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { describedBy, Field, FormErrors } from "../components/field.tsx";
import { ConsentTerms, ConsentText } from "../components/study/consent-terms.tsx";
import { StudyDesignSummary } from "../components/study/study-design.tsx";
import { browserTimeZone } from "../lib/time.ts";
import { followLink, navigate, queryParam } from "../router.ts";
import type { InvitationPreview } from "../study-types.ts";
import { useSubmit } from "../use-submit.ts";

export default function JoinScreen() {
  const { session } = useApp();
  const [code, setCode] = useState(queryParam("code") ?? "");
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const look = useSubmit(
    () => api.post<InvitationPreview>("/api/v1/participation/preview", { code }),
    setPreview,
  );
  const signedIn = session.authenticated;
  const Wrapper = signedIn ? "div" : "main";
  return (
    <Wrapper class={signedIn ? undefined : "narrow"} id={signedIn ? undefined : "main"}>
      <h1>Join a study</h1>
      <p>
        A study's coordinator gives each person a code. You keep your own journal; the study sees
        only what its consent says, under a pseudonym.
      </p>
      <form onSubmit={look.submit} noValidate>
        <FormErrors messages={otherErrors(look.error, ["code"])} />
        <Field
          id="join-code"
          label="Invitation code"
          hint="Twelve letters and digits, such as 7KQM-3XWD-9PAT."
          error={fieldError(look.error, "code")}
        >
          <input
            {...describedBy("join-code", { hint: true, error: fieldError(look.error, "code") })}
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            value={code}
            onInput={(e) => {
              setCode(e.currentTarget.value);
              setPreview(null);
            }}
          />
        </Field>
        <button type="submit" class="button secondary" disabled={look.busy}>
          {look.busy ? "Looking…" : "Show the study"}
        </button>
      </form>
      {preview ? <Consent preview={preview} code={code} signedIn={signedIn} /> : null}
      {signedIn ? null : (
        <p class="muted">
          Already have an account here?{" "}
          <a href="/login" onClick={followLink}>
            Sign in
          </a>{" "}
          first, then join from the Study screen.
        </p>
      )}
    </Wrapper>
  );
}

function Consent({
  preview,
  code,
  signedIn,
}: {
  readonly preview: InvitationPreview;
  readonly code: string;
  readonly signedIn: boolean;
}) {
  const { reloadSession } = useApp();
  const [agreed, setAgreed] = useState(false);
  const [username, setUsername] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [repeat, setRepeat] = useState("");
  const { study, consent } = preview;
  const join = useSubmit(async () => {
    if (!agreed) {
      throw Object.assign(new Error("Tick the box to say you have read the consent and agree."), {
        fields: [{ path: "agree", message: "is needed to join" }],
      });
    }
    const body = { code, consentVersion: consent.version, timeZone: browserTimeZone() };
    if (signedIn) {
      await api.post("/api/v1/participation/join", body);
    } else {
      if (passphrase !== repeat) {
        throw Object.assign(new Error("The two passphrases differ."), {
          fields: [{ path: "repeat", message: "does not match the passphrase above" }],
        });
      }
      await api.post("/api/v1/participation/join-new", { ...body, username, passphrase });
    }
    navigate("/study", { replace: true });
    await reloadSession();
  });
  const e = join.error;
  return (
    <section class="card" aria-labelledby="join-study-title">
      <h2 id="join-study-title">{study.title}</h2>
      {study.description ? <p class="pre-line">{study.description}</p> : null}
      <StudyDesignSummary study={study} />
      <h3>The consent</h3>
      <ConsentText consent={consent} />
      <ConsentTerms consent={consent} />
      <form onSubmit={join.submit} noValidate>
        <FormErrors
          messages={otherErrors(
            e,
            signedIn ? ["agree"] : ["agree", "username", "passphrase", "repeat"],
          )}
        />
        {signedIn ? null : (
          <>
            <Field
              id="join-username"
              label="Choose a username"
              hint="For signing in; the study never sees it. 2–32 characters: letters a–z, digits, dot, underscore or dash."
              error={fieldError(e, "username")}
            >
              <input
                {...describedBy("join-username", { hint: true, error: fieldError(e, "username") })}
                autoComplete="username"
                autoCapitalize="none"
                spellcheck={false}
                value={username}
                onInput={(ev) => setUsername(ev.currentTarget.value)}
              />
            </Field>
            <Field
              id="join-passphrase"
              label="Choose a passphrase"
              hint="At least 10 characters; four or more random words are strong. It cannot be recovered if lost."
              error={fieldError(e, "passphrase")}
            >
              <input
                {...describedBy("join-passphrase", {
                  hint: true,
                  error: fieldError(e, "passphrase"),
                })}
                type="password"
                autoComplete="new-password"
                value={passphrase}
                onInput={(ev) => setPassphrase(ev.currentTarget.value)}
              />
            </Field>
            <Field id="join-repeat" label="The passphrase again" error={fieldError(e, "repeat")}>
              <input
                {...describedBy("join-repeat", { error: fieldError(e, "repeat") })}
                type="password"
                autoComplete="new-password"
                value={repeat}
                onInput={(ev) => setRepeat(ev.currentTarget.value)}
              />
            </Field>
          </>
        )}
        <label class="check">
          <input
            type="checkbox"
            checked={agreed}
            aria-invalid={fieldError(e, "agree") ? "true" : undefined}
            onChange={(ev) => setAgreed(ev.currentTarget.checked)}
          />
          I have read consent version {consent.version} and agree to take part
        </label>
        <button type="submit" class="button" disabled={join.busy}>
          {join.busy
            ? "Joining…"
            : signedIn
              ? "Accept and join"
              : "Accept, make my account and join"}
        </button>
      </form>
    </section>
  );
}
