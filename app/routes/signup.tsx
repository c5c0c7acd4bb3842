import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getUser, safeRedirect, startSession } from "~/auth/auth.server";
import { createUser, DuplicateEmailError } from "~/auth/users.server";
import { Field, FormError } from "~/components/forms";
import { getDb } from "~/db/client.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { getCatalog } from "~/catalog/catalog.server";
import { checkJoinCode, redeemJoinCode } from "~/orgs/orgs.server";
import { messages, useT } from "~/i18n/i18n";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: titled(metaText(matches).auth.signUp) }];

const schemaIn = (e: Messages["formErrors"]) =>
  z.object({
    name: z.string().trim().min(1, e.enterName).max(100, e.max100),
    email: z.string().trim().min(1, e.enterEmail).max(254, e.emailTooLong).email(e.validEmail),
    password: z.string().min(8, e.min8).max(200, e.max200),
    locale: z.enum(["en", "fr", "sw"], { errorMap: () => ({ message: e.chooseLanguage }) }),
    joinCode: z.string().trim().max(40).optional(),
    redirectTo: z.string().optional(),
  });

/** Public; a signed-in person goes straight on. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (getUser(request, context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

/** Public: creates an account and signs it in. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const e = messages[negotiateLanguage(request, null)].formErrors;
  const parsed = parseForm(form, schemaIn(e), { secret: ["password"] });
  if (!parsed.ok) return failure(400, parsed);
  const { name, email, password, locale, redirectTo, joinCode } = parsed.data;
  const joinProblem = joinCode ? checkJoinCode(getDb(), joinCode) : null;
  if (joinProblem) return failure(400, { fieldErrors: { joinCode: messages[negotiateLanguage(request, null)].joinErrors[joinProblem] }, values: { name, email, locale, joinCode: joinCode ?? "" } });
  try {
    const user = await createUser(getDb(), { name, email, password, locale });
    if (joinCode) redeemJoinCode(getDb(), { code: joinCode, user, courses: (await getCatalog()).courses });
    const cookie = startSession(request, user.id);
    return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof DuplicateEmailError) {
      return failure(409, {
        fieldErrors: { email: e.emailTaken },
        values: { name, email, locale },
      });
    }
    throw error;
  }
}

export default function SignUp() {
  const result = useActionData<typeof action>();
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
        <Field name="password" label={a.password} type="password" autoComplete="new-password" hint={a.passwordHint} error={errors.password} required minLength={8} />
        <Field name="locale" label={a.preferredLanguage} error={errors.locale}>
          <select id="field-locale" name="locale" defaultValue={values.locale ?? lang}>
            <option value="en">English</option>
            <option value="fr">Français</option>
            <option value="sw">Kiswahili</option>
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
