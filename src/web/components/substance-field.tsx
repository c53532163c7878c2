/** The substance chooser every form shares: the catalog's substances, by name. */
import { substances } from "../lib/substances.ts";
import { describedBy, Field } from "./field.tsx";

interface SubstanceFieldProps {
  readonly id: string;
  readonly value: string;
  readonly onChange: (substanceId: string) => void;
  readonly error?: string | undefined;
  /** A first option meaning "none" (value ""), with these words. */
  readonly none?: string;
}

export function SubstanceField({ id, value, onChange, error, none }: SubstanceFieldProps) {
  return (
    <Field id={id} label="Substance" error={error}>
      <select
        {...describedBy(id, { error })}
        value={value}
        onChange={(ev) => onChange(ev.currentTarget.value)}
      >
        {none === undefined ? null : <option value="">{none}</option>}
        {substances.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
