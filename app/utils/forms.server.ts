import { data } from "react-router";
import type { z } from "zod";
import { messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; formError?: string; fieldErrors: FieldErrors; values: Record<string, string> };

/** The largest form body any action or the quiz attempts endpoint reads. */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * Reads a urlencoded or multipart form, refusing oversized or malformed bodies with a clear 4xx in the sender's
 * language (their language cookie or browser's: the account is not looked up for a body that cannot be read).
 */
export async function readForm(request: Request): Promise<FormData> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  const m = () => messages[negotiateLanguage(request, null)];
  if (length > MAX_FORM_BYTES) throw data({ ok: false, formError: m().requestErrors.tooLarge, fieldErrors: {}, values: {} }, { status: 413 });
  try {
    return await request.formData();
  } catch {
    throw data({ ok: false, formError: m().quizErrors.unreadableForm, fieldErrors: {}, values: {} }, { status: 400 });
  }
}

/** Parses form fields with a zod schema; on failure, the values (never passwords) and one message per field. */
export function parseForm<S extends z.ZodTypeAny>(
  form: FormData,
  schema: S,
  options: { secret?: string[] } = {},
): { ok: true; data: z.infer<S> } | FormFailure {
  const raw: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in raw)) raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "_form");
    fieldErrors[key] ??= issue.message;
  }
  return { ok: false, fieldErrors, values: redact(raw, options.secret) };
}

export function redact(values: Record<string, string>, secret: string[] = []) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (!secret.includes(k) && k !== "intent") out[k] = v.slice(0, 500);
  return out;
}

export function failure(status: number, body: Omit<FormFailure, "ok">) {
  return data({ ok: false as const, ...body }, { status });
}
