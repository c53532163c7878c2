/**
 * The first run, step 2: a short setup of the profile (PATCH /api/v1/profile creates it),
 * checked with src/core's Profile schema before it is sent; then the plain safety page.
 */
import { useState } from "preact/hooks";
import { api, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { FormErrors } from "../components/field.tsx";
import { ProfileFields, profileForm, toProfile } from "../components/profile-fields.tsx";
import { navigate } from "../router.ts";
import { useSubmit } from "../use-submit.ts";

export default function SetupProfile() {
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
