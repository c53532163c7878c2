/**
 * The crisis screen: over everything, at once, when an answer signals a risk of self-harm
 * (PHQ-9 item 9 above 0, FACTS Q-PHQ9). The emergency number and helplines come from
 * src/core/crisis.ts with the person's own settings first (FACTS CRISIS-1).
 */
import { useEffect, useRef } from "preact/hooks";
import type { CrisisResources } from "../../core/crisis.ts";
import { useReturnFocus } from "../use-focus.ts";

interface CrisisScreenProps {
  readonly resources: CrisisResources;
  readonly onClose: () => void;
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/gu, "")}`;
}

export function CrisisScreen({ resources, onClose }: CrisisScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Closed, the focus goes back to the answer that opened it.
  useReturnFocus();
  useEffect(() => {
    heading.current?.focus();
    document.body.classList.add("crisis-open");
    return () => document.body.classList.remove("crisis-open");
  }, []);
  return (
    <div
      class="crisis"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="crisis-title"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <div class="crisis-inner">
        <h1 id="crisis-title" tabIndex={-1} ref={heading}>
          You do not have to face this alone
        </h1>
        <p>
          You said you have had thoughts that you would be better off dead or of hurting yourself.
          Please reach out now.
        </p>
        <section aria-label="Emergency">
          <h2>If you might act on these thoughts, or you are in danger</h2>
          <p class="crisis-call">
            Call{" "}
            {resources.emergencyNumber ? (
              <a href={telHref(resources.emergencyNumber)}>{resources.emergencyText}</a>
            ) : (
              resources.emergencyText
            )}{" "}
            now.
          </p>
        </section>
        <section aria-label="Someone to talk to">
          <h2>Talk to someone now</h2>
          <ul class="plain crisis-lines">
            {resources.helplines.map((h) => (
              <li key={h.name} class="crisis-line">
                <strong>{h.name}</strong>
                {h.phone ? (
                  <>
                    {" "}
                    — call <a href={telHref(h.phone)}>{h.phone}</a>
                  </>
                ) : null}
                {h.url ? (
                  <>
                    {" "}
                    —{" "}
                    <a href={h.url} rel="noreferrer" target="_blank">
                      {h.url.replace(/^https?:\/\//u, "")}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
        <p>Tell someone you trust, and do not take any substance while you feel this way.</p>
        {resources.origin === "default" ? (
          <p class="muted">
            Set your country, or your own emergency number and helpline, in Settings so Titrate can
            show them here.
          </p>
        ) : null}
        <p class="sources">Source: FACTS CRISIS-1, Q-PHQ9</p>
        <button type="button" class="button secondary" onClick={onClose}>
          Close this screen
        </button>
      </div>
    </div>
  );
}
