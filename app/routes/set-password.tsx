import type { Route } from "./+types/set-password";
import { redirect } from "react-router";
import { Form } from "react-router";
import { z } from "zod";
import { startSession } from "~/auth/auth.server";
import { setPasswordWithCode } from "~/auth/password-codes.server";
import { Field, FormError } from "~/components/forms";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { format, useT } from "~/i18n/i18n";
import { LanguageOptions } from "~/components/layout";
import { LANGUAGES } from "~/i18n/languages.server";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { languageCookie, negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).auth.setPasswordTitle) }];
}

const schemaIn = (e: Messages["formErrors"]) =>
  z.object({
    login: z.string().trim().min(1, e.enterLogin).max(254, e.tooLong),
    code: z.string().trim().min(1, e.enterCode).max(40, e.tooLong),
    password: z.string().min(8, e.min8).max(200, e.max200),
    locale: z.enum(LANGUAGES, { errorMap: () => ({ message: e.chooseLanguage }) }).optional(),
  });

/** Public: a person with a one-time code (from a bulk enrolment) sets their password and is logged in. Rate-limited. */
export async function action({ request, context }: Route.ActionArgs) {
  const language = negotiateLanguage(request, null);
  const e = messages[language].formErrors;
  const parsed = parseForm(await readForm(request), schemaIn(e), { secret: ["password", "code"] });
  if (!parsed.ok) return failure(400, parsed);
  const { login, code, password, locale } = parsed.data;
  const outcome = await setPasswordWithCode(context.db, { login, code, password, locale, address: context.clientAddress });
  if (outcome.ok) {
    const headers = new Headers({ "Set-Cookie": await startSession(request, outcome.userId) });
    if (locale) headers.append("Set-Cookie", languageCookie(request, locale));
    return redirect("/learn", { headers });
  }
  if (outcome.reason === "throttled") {
    return failure(429, { formError: format(language, e.tooManyCodes, { n: Math.ceil(outcome.retryAfterSeconds / 60) }), fieldErrors: {}, values: { login } });
  }
  return failure(400, { formError: e.badCode, fieldErrors: {}, values: { login } });
}

export default function SetPassword({ actionData }: Route.ComponentProps) {
  const result = actionData;
  const errors = result && !result.ok ? result.fieldErrors : {};
  const { lang, m } = useT();
  const a = m.auth;
  return (
    <div className="page narrow">
      <h1>{a.setPasswordTitle}</h1>
      <p>{a.setPasswordLead}</p>
      <FormError message={result && !result.ok ? result.formError : undefined} />
      <Form method="post" className="stack">
        <Field
          name="login"
          label={a.emailOrUsername}
          autoComplete="username"
          autoCapitalize="none"
          defaultValue={result && !result.ok ? result.values.login : undefined}
          error={errors.login}
          required
        />
        <Field name="code" label={a.oneTimeCode} autoComplete="one-time-code" autoCapitalize="characters" error={errors.code} required />
        <Field name="password" label={a.newPassword} type="password" autoComplete="new-password" hint={a.passwordHint} error={errors.password} required />
        <Field name="locale" label={a.preferredLanguage} error={errors.locale}>
          <select id="field-locale" name="locale" defaultValue={lang}>
            <LanguageOptions />
          </select>
        </Field>
        <div>
          <button type="submit" className="button">
            {a.setPasswordSubmit}
          </button>
        </div>
      </Form>
    </div>
  );
}
