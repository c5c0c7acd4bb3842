import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled field with its hint and error wired for screen readers. */
export function Field({
  name,
  label,
  hint,
  error,
  children,
  ...input
}: { name: string; label: string; hint?: string; error?: string; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children ?? <input id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled choice from a list: a Field around a select (the select takes the field's id, so the label names it). */
export function SelectField({
  name,
  label,
  error,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  error?: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  return (
    <Field name={name} label={label} error={error}>
      <select id={`field-${name}`} name={name} defaultValue={defaultValue}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
