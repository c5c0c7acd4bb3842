import type { Route } from "./+types/login";
import { redirect } from "react-router";
import { Form, Link, useNavigation, useSearchParams } from "react-router";
import { z } from "zod";
import { getUser, landingFor, logIn, safeRedirect } from "~/auth/auth.server";
import { Field, FormError } from "~/components/forms";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { format, useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).auth.logInTitle) }];
}

const schemaIn = (e: Messages["formErrors"]) =>
  z.object({
    email: z.string().trim().min(1, e.enterLogin).max(254, e.tooLong),
    password: z.string().min(1, e.enterPassword).max(200, e.passwordTooLong),
    redirectTo: z.string().optional(),
  });

/** Public; a signed-in person goes straight on. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await getUser(request, context);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), await landingFor(user)));
  return null;
}

/** Public: checks the password (rate-limited per account and address) and starts a new session. */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const language = negotiateLanguage(request, null);
  const e = messages[language].formErrors;
  const parsed = parseForm(form, schemaIn(e), { secret: ["password"] });
  if (!parsed.ok) return failure(400, parsed);
  const { email, password, redirectTo } = parsed.data;
  const outcome = await logIn(request, email, password, context.clientAddress);
  // Where they were going, else their role's own page.
  if (outcome.ok) return redirect(safeRedirect(redirectTo, await landingFor(outcome.user)), { headers: { "Set-Cookie": outcome.cookie } });
  if (outcome.reason === "throttled") {
    const minutes = Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60));
    return failure(429, {
      formError: format(language, e.tooManyLogins, { n: minutes }),
      fieldErrors: {},
      values: { email },
    });
  }
  return failure(401, { formError: e.noMatch, fieldErrors: {}, values: { email } });
}

export default function LogIn({ actionData }: Route.ComponentProps) {
  const result = actionData;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.fieldErrors : {};
  const values = result && !result.ok ? result.values : {};
  const redirectTo = params.get("redirectTo") ?? "";
  const a = useT().m.auth;
  return (
    <div className="page narrow">
      <h1>{a.logInTitle}</h1>
      <FormError message={result && !result.ok ? result.formError : undefined} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          name="email"
          label={a.emailOrUsername}
          type="text"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          defaultValue={values.email}
          error={errors.email}
          required
        />
        <Field name="password" label={a.password} type="password" autoComplete="current-password" error={errors.password} required />
        <div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? a.loggingIn : a.logIn}
          </button>
        </div>
      </Form>
      <p>
        {a.oneTimeCodePrompt} <Link to="/set-password">{a.setPasswordLink}</Link>.
      </p>
      <p>
        {a.newHere} <Link to={`/signup${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>{a.createAccount}</Link>
      </p>
    </div>
  );
}
