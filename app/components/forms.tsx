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

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
