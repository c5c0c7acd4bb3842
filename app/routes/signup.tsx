import type { Route } from "./+types/signup";
import { redirect } from "react-router";
import { Form, Link, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { getUser, safeRedirect, startSession } from "~/auth/auth.server";
import { signUp } from "~/auth/sign-up.server";
import { Field, FormError } from "~/components/forms";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { getCatalog } from "~/catalog/catalog.server";
import { format, useT } from "~/i18n/i18n";
import { LanguageOptions } from "~/components/layout";
import { LANGUAGES } from "~/i18n/languages.server";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).auth.signUp) }];
}

const schemaIn = (e: Messages["formErrors"]) =>
  z.object({
    name: z.string().trim().min(1, e.enterName).max(100, e.max100),
    email: z.string().trim().min(1, e.enterEmail).max(254, e.emailTooLong).email(e.validEmail),
    password: z.string().min(8, e.min8).max(200, e.max200),
    locale: z.enum(LANGUAGES, { errorMap: () => ({ message: e.chooseLanguage }) }),
    joinCode: z.string().trim().max(40).optional(),
    redirectTo: z.string().optional(),
  });

/** Public; a signed-in person goes straight on. */
export async function loader({ request, context }: Route.LoaderArgs) {
  if (await getUser(request, context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

/** Public: creates an account and signs it in (limited per email and address; see app/auth/sign-up.server.ts). */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const language = negotiateLanguage(request, null);
  const e = messages[language].formErrors;
  const parsed = parseForm(form, schemaIn(e), { secret: ["password"] });
  if (!parsed.ok) return failure(400, parsed);
  const { name, email, password, locale, redirectTo, joinCode } = parsed.data;
  const values = { name, email, locale, joinCode: joinCode ?? "" };
  const outcome = await signUp(context.db, {
    name,
    email,
    password,
    locale,
    joinCode: joinCode || undefined,
    address: context.clientAddress,
    courses: (await getCatalog()).courses,
  });
  if (outcome.ok) return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await startSession(request, outcome.user.id) } });
  if (outcome.reason === "throttled")
    return failure(429, { formError: format(language, e.tooManySignUps, { n: Math.ceil(outcome.retryAfterSeconds / 60) }), fieldErrors: {}, values });
  if (outcome.reason === "joinCode") return failure(400, { fieldErrors: { joinCode: messages[language].joinErrors[outcome.problem] }, values });
  return failure(409, { fieldErrors: { email: e.emailTaken }, values: { name, email, locale } });
}

export default function SignUp({ actionData }: Route.ComponentProps) {
  const result = actionData;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const values = result && !result.ok ? result.values : {};
  const redirectTo = params.get("redirectTo") ?? "";
  const { lang, m } = useT();
  const a = m.auth;
  return (
    <div className="page narrow">
      <h1>{a.signUpTitle}</h1>
      <FormError message={result && !result.ok ? result.formError : undefined} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="name" label={a.yourName} autoComplete="name" defaultValue={values.name} error={errors.name} required maxLength={100} />
        <Field name="email" label={a.email} type="email" autoComplete="email" defaultValue={values.email} error={errors.email} required />
        <Field
          name="password"
          label={a.password}
          type="password"
          autoComplete="new-password"
          hint={a.passwordHint}
          error={errors.password}
          required
          minLength={8}
        />
        <Field name="locale" label={a.preferredLanguage} error={errors.locale}>
          <select id="field-locale" name="locale" defaultValue={values.locale ?? lang}>
            <LanguageOptions />
          </select>
        </Field>
        <Field
          name="joinCode"
          label={a.joinCode}
          hint={a.joinCodeHint}
          autoCapitalize="characters"
          autoComplete="off"
          defaultValue={values.joinCode}
          error={errors.joinCode}
        />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? a.creating : a.signUp}
          </button>
        </div>
      </Form>
      <p>
        {a.haveAccount} <Link to={`/login${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>{a.logIn}</Link>
      </p>
    </div>
  );
}
