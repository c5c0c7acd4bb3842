import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { startSession } from "~/auth/auth.server";
import { setPasswordWithCode } from "~/auth/password-codes.server";
import { Field, FormError } from "~/components/forms";
import { getDb } from "~/db/client.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { messages, plural, useT } from "~/i18n/i18n";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: titled(metaText(matches).auth.setPasswordTitle) }];

const schemaIn = (e: Messages["formErrors"]) =>
  z.object({
    login: z.string().trim().min(1, e.enterLogin).max(254, e.tooLong),
    code: z.string().trim().min(1, e.enterCode).max(40, e.tooLong),
    password: z.string().min(8, e.min8).max(200, e.max200),
  });

/** Public: a person with a one-time code (from a bulk enrolment) sets their password and is logged in. Rate-limited. */
export async function action({ request, context }: ActionFunctionArgs) {
  const language = negotiateLanguage(request, null);
  const e = messages[language].formErrors;
  const parsed = parseForm(await readForm(request), schemaIn(e), { secret: ["password", "code"] });
  if (!parsed.ok) return failure(400, parsed);
  const { login, code, password } = parsed.data;
  const outcome = await setPasswordWithCode(getDb(), { login, code, password, address: context.clientAddress });
  if (outcome.ok) return redirect("/learn", { headers: { "Set-Cookie": startSession(request, outcome.userId) } });
  if (outcome.reason === "throttled") {
    return failure(429, { formError: plural(language, e.tooManyCodes, Math.ceil(outcome.retryAfterSeconds / 60)), fieldErrors: {}, values: { login } });
  }
  return failure(400, { formError: e.badCode, fieldErrors: {}, values: { login } });
}

export default function SetPassword() {
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  const a = useT().m.auth;
  return (
    <div className="page narrow">
      <h1>{a.setPasswordTitle}</h1>
      <p>{a.setPasswordLead}</p>
      <FormError message={result && !result.ok ? result.formError : undefined} />
      <Form method="post" className="stack">
        <Field name="login" label={a.emailOrUsername} autoComplete="username" autoCapitalize="none" defaultValue={result && !result.ok ? result.values.login : undefined} error={errors.login} required />
        <Field name="code" label={a.oneTimeCode} autoComplete="one-time-code" autoCapitalize="characters" error={errors.code} required />
        <Field name="password" label={a.newPassword} type="password" autoComplete="new-password" hint={a.passwordHint} error={errors.password} required />
        <div>
          <button type="submit" className="button">
            {a.setPasswordSubmit}
          </button>
        </div>
      </Form>
    </div>
  );
}
