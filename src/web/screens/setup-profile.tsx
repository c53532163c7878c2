/**
 * The first run, step 2: a short setup of the profile (PATCH /api/v1/profile creates it),
 * checked with src/core's Profile schema before it is sent; then the plain safety page.
 *
 * A journal made on the command line (`titrate init`, `titrate demo`) has a profile before
 * its first sign-in, but the command never asked about the conditions that make a substance
 * riskier, and may have left out the weight or the country: this step then asks for what is
 * missing (and the conditions), and the safety page follows, once.
 */
import { useState } from "preact/hooks";
import { api, otherErrors } from "../api.ts";
import { useApp } from "../app-context.ts";
import { FormErrors } from "../components/field.tsx";
import { ProfileFields, profileForm, toProfile } from "../components/profile-fields.tsx";
import { navigate } from "../router.ts";
import type { Profile } from "../types.ts";
import { useSubmit } from "../use-submit.ts";

type Part = "body" | "place" | "crisis" | "conditions";

/** What a profile made on the command line still needs asking. */
function partsToAsk(profile: Profile): Part[] {
  return [
    ...(profile.weightKg === null ? (["body"] as const) : []),
    ...(profile.country === null ? (["place"] as const) : []),
    "conditions",
  ];
}

export default function SetupProfile() {
  const { profile, reloadProfile } = useApp();
  // Read once: the profile reloads after saving, and the form should not change under it.
  const [existing] = useState(() => profile);
  const [form, setForm] = useState(() => profileForm(existing));
  const submit = useSubmit(async () => {
    const next = toProfile(form);
    await api.patch("/api/v1/profile", next);
    navigate("/safety?first=1", { replace: true });
    await reloadProfile();
  });
  const parts = existing ? partsToAsk(existing) : undefined;
  return (
    <main class="narrow" id="main">
      <h1>{existing ? "Complete your profile" : "About you"}</h1>
      <p class="muted">Step 2 of 3</p>
      {existing ? (
        <p>
          Your journal already has a profile, made on the command line. It did not ask about the
          conditions that make ketamine or psychedelics riskier
          {parts?.includes("body") || parts?.includes("place")
            ? ", and some of your details are missing"
            : ""}
          : please answer below. You can change all of it later in Settings.
        </p>
      ) : (
        <p>
          Titrate uses this to size doses, count days in your time zone, show the right crisis
          numbers, and warn you about risks that apply to you. You can change all of it later in
          Settings.
        </p>
      )}
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
        <ProfileFields form={form} onChange={setForm} error={submit.error} parts={parts} />
        <button type="submit" class="button" disabled={submit.busy}>
          {submit.busy ? "Saving…" : "Save and continue"}
        </button>
      </form>
    </main>
  );
}
