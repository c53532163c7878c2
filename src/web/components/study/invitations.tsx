/**
 * A study's invitation codes: make some (each shown once, to hand to one person), see the
 * others by their last four characters and status, and withdraw unused ones.
 */
import { useState } from "preact/hooks";
import { api, fieldError, otherErrors } from "../../api.ts";
import { readNumber, unreadable } from "../../lib/numbers.ts";
import { formatWhen } from "../../lib/time.ts";
import type { Invitation } from "../../study-types.ts";
import { useApi } from "../../use-api.ts";
import { useSubmit } from "../../use-submit.ts";
import { describedBy, Field, FormErrors } from "../field.tsx";
import { LoadError } from "../load.tsx";

export function Invitations({
  studyId,
  timeZone,
  closed,
  onChange,
}: {
  readonly studyId: string;
  readonly timeZone: string;
  readonly closed: boolean;
  readonly onChange: () => Promise<void>;
}) {
  const base = `/api/v1/studies/${encodeURIComponent(studyId)}/invitations`;
  const list = useApi<{ invitations: Invitation[] }>(base);
  const [count, setCount] = useState("5");
  const [days, setDays] = useState("14");
  const [fresh, setFresh] = useState<Invitation[]>([]);
  const make = useSubmit(
    async () => {
      // Read as every number field is (lib/numbers.ts): "1,000" is refused, never read as 1.
      const reads = {
        count: readNumber(count, { whole: true, required: true }),
        expiresInDays: readNumber(days, { whole: true, required: true }),
      };
      const problem = unreadable(reads);
      if (problem) throw problem;
      return api.post<{ invitations: Invitation[] }>(base, {
        count: reads.count.value,
        expiresInDays: reads.expiresInDays.value,
      });
    },
    async (answer) => {
      setFresh(answer.invitations);
      await list.reload();
      await onChange();
    },
  );
  const e = make.error;
  const invitations = list.data?.invitations ?? [];
  return (
    <section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      {fresh.length > 0 ? (
        <div class="notice success" role="status">
          <p>
            <strong>
              {fresh.length} new code{fresh.length === 1 ? "" : "s"}: copy them now, they are not
              shown again.
            </strong>{" "}
            Give each to one person. They open this server's address, choose “Join a study” and type
            it.
          </p>
          <ul class="codes">
            {fresh.map((i) => (
              <li key={i.id}>
                <code class="invitation-code">{i.code}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {closed ? (
        <p class="muted">The study has ended: nobody else can be invited.</p>
      ) : (
        <form onSubmit={make.submit} noValidate>
          <FormErrors messages={otherErrors(e, ["count", "expiresInDays"])} />
          <div class="filters">
            <Field id="invite-count" label="How many codes" error={fieldError(e, "count")}>
              <input
                {...describedBy("invite-count", { error: fieldError(e, "count") })}
                inputMode="numeric"
                autoComplete="off"
                value={count}
                onInput={(ev) => setCount(ev.currentTarget.value)}
              />
            </Field>
            <Field id="invite-days" label="Valid for (days)" error={fieldError(e, "expiresInDays")}>
              <input
                {...describedBy("invite-days", { error: fieldError(e, "expiresInDays") })}
                inputMode="numeric"
                autoComplete="off"
                value={days}
                onInput={(ev) => setDays(ev.currentTarget.value)}
              />
            </Field>
          </div>
          <button type="submit" class="button secondary" disabled={make.busy}>
            Make codes
          </button>
        </form>
      )}
      <LoadError error={list.error} />
      {invitations.length > 0 ? (
        <details>
          <summary>
            Every code ({invitations.filter((i) => i.status === "unused").length} unused)
          </summary>
          <p class="hint">A used code does not say who used it, by design.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Ends in</th>
                <th scope="col">Status</th>
                <th scope="col">Valid until</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <InvitationRow
                  key={i.id}
                  invitation={i}
                  timeZone={timeZone}
                  onChange={async () => {
                    await list.reload();
                    await onChange();
                  }}
                />
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </section>
  );
}

function InvitationRow({
  invitation,
  timeZone,
  onChange,
}: {
  readonly invitation: Invitation;
  readonly timeZone: string;
  readonly onChange: () => Promise<void>;
}) {
  const revoke = useSubmit(
    () => api.post(`/api/v1/study-invitations/${encodeURIComponent(invitation.id)}/revoke`),
    onChange,
  );
  return (
    <tr>
      <td>
        <code>…{invitation.hint}</code>
      </td>
      <td>{invitation.status}</td>
      <td>{formatWhen(invitation.expiresAt, timeZone)}</td>
      <td>
        {invitation.status === "unused" ? (
          <button
            type="button"
            class="button secondary small"
            onClick={() => void revoke.submit()}
            disabled={revoke.busy}
          >
            Withdraw<span class="visually-hidden"> the code ending {invitation.hint}</span>
          </button>
        ) : null}
      </td>
    </tr>
  );
}
