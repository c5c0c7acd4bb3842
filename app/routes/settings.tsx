import type { RouterContextProvider } from "react-router";
import type { Route } from "./+types/settings";
import { redirect } from "react-router";
import { Form, useSearchParams } from "react-router";
import { z } from "zod";
import { getUser, logOut, requireUser, safeRedirect, startSession } from "~/auth/auth.server";
import { closeOwnAccount } from "~/auth/close-account.server";
import { changePassword } from "~/auth/password-reset.server";
import { ownPasswordAttempts } from "~/auth/throttle.server";
import { Field, FormError } from "~/components/forms";
import type { User } from "~/auth/users.server";
import { languageCookie } from "~/i18n/locale.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { format, useT } from "~/i18n/i18n";
import { LanguageOptions } from "~/components/layout";
import { LANGUAGES } from "~/i18n/languages.server";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import type { Language } from "~/i18n/language";
import { metaText, titled } from "~/i18n/meta";
import { isTimeZone, TIME_ZONE_CHOICES } from "~/orgs/time-zones";
import { setLocale, timeZoneOf, updateSettings } from "~/auth/users.server";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).settings.title) }];
}

/** The signed-in person's own settings. */
export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  return {
    name: user.name,
    locale: user.locale,
    dataSaver: user.dataSaver,
    timeZone: user.timeZone ?? "",
    zoneByCountry: await timeZoneOf(context.db, { ...user, timeZone: null }),
    zones: TIME_ZONE_CHOICES,
  };
}

const settingsSchema = (e: Messages["formErrors"]) =>
  z.object({
    intent: z.literal("settings"),
    name: z.string().trim().min(1, e.enterName).max(100, e.max100),
    locale: z.enum(LANGUAGES, { errorMap: () => ({ message: e.chooseLanguage }) }),
    timeZone: z.union([z.literal(""), z.string().max(64).refine(isTimeZone, e.chooseTimeZone)]).optional(),
  });
const languageSchema = (e: Messages["formErrors"]) =>
  z.object({
    intent: z.literal("language"),
    locale: z.enum(LANGUAGES, { errorMap: () => ({ message: e.chooseLanguage }) }),
    redirectTo: z.string().optional(),
  });

const passwordSchema = (e: Messages["formErrors"]) =>
  z.object({
    intent: z.literal("password"),
    current: z.string().min(1, e.enterPassword).max(200, e.passwordTooLong),
    password: z.string().min(8, e.min8).max(200, e.max200),
  });

const closeSchema = (e: Messages["formErrors"]) =>
  z.object({
    intent: z.literal("close"),
    closePassword: z.string().min(1, e.enterPassword).max(200, e.passwordTooLong),
    confirm: z.literal("on", { errorMap: () => ({ message: e.confirmClose }) }),
  });

/**
 * Anyone may switch the language (a cookie, and their setting when signed in);
 * the other settings are the signed-in person's own.
 */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const e = messages[negotiateLanguage(request, await getUser(request, context))].formErrors;
  if (form.get("intent") === "language") {
    const parsed = parseForm(form, languageSchema(e));
    if (!parsed.ok) return failure(400, parsed);
    const user = await getUser(request, context);
    if (user) await setLocale(context.db, user.id, parsed.data.locale);
    return redirect(safeRedirect(parsed.data.redirectTo, "/"), { headers: { "Set-Cookie": languageCookie(request, parsed.data.locale) } });
  }
  const user = await requireUser(request, context);
  if (form.get("intent") === "close") return closeAccountAction(request, context, form, user);
  if (form.get("intent") === "password") return changePasswordAction(request, context, form, user);
  const parsed = parseForm(form, settingsSchema(e));
  if (!parsed.ok) return failure(400, parsed);
  await updateSettings(context.db, user.id, {
    name: parsed.data.name,
    locale: parsed.data.locale,
    dataSaver: form.get("dataSaver") === "on",
    timeZone: parsed.data.timeZone || null,
  });
  return redirect("/settings?saved=1", { headers: { "Set-Cookie": languageCookie(request, parsed.data.locale) } });
}

/** The answer to too many wrong current passwords, on the form that had them. */
const tooManyTries = (lang: Language, wait: number, form: string) =>
  failure(429, { formError: format(lang, messages[lang].formErrors.tooManyLogins, { n: Math.ceil(wait / 60) }), fieldErrors: {}, values: { form } });

/** A new password, the current one confirming it; every other session ends and this browser gets a new one. */
async function changePasswordAction(request: Request, context: Readonly<RouterContextProvider>, form: FormData, user: User) {
  const lang = negotiateLanguage(request, user);
  const e = messages[lang].formErrors;
  const parsed = parseForm(form, passwordSchema(e), { secret: ["current", "password"] });
  if (!parsed.ok) return failure(400, { ...parsed, values: { form: "password" } });
  const db = context.db;
  const attempts = ownPasswordAttempts(db, user.id, context.clientAddress);
  const attempt = await attempts.begin();
  if (!attempt.ok) return tooManyTries(lang, attempt.retryAfterSeconds, "password");
  if (!(await changePassword(db, { userId: user.id, current: parsed.data.current, next: parsed.data.password }))) {
    return failure(400, { fieldErrors: { current: e.wrongPassword }, values: { form: "password" } });
  }
  await attempts.right();
  return redirect("/settings?password=changed", { headers: { "Set-Cookie": await startSession(request, user.id) } });
}

/**
 * Closing one's own account (app/auth/close-account.server.ts): the password and a tick confirm it, and this
 * browser is signed out and told to drop its cache, as at log-out.
 */
async function closeAccountAction(request: Request, context: Readonly<RouterContextProvider>, form: FormData, user: User) {
  const lang = negotiateLanguage(request, user);
  const e = messages[lang].formErrors;
  const parsed = parseForm(form, closeSchema(e), { secret: ["closePassword"] });
  if (!parsed.ok) return failure(400, { ...parsed, values: { form: "close" } });
  const db = context.db;
  const attempts = ownPasswordAttempts(db, user.id, context.clientAddress);
  const attempt = await attempts.begin();
  if (!attempt.ok) return tooManyTries(lang, attempt.retryAfterSeconds, "close");
  const outcome = await closeOwnAccount(db, { userId: user.id, password: parsed.data.closePassword });
  if (outcome === "wrong-password") {
    return failure(400, { fieldErrors: { closePassword: e.wrongPassword }, values: { form: "close" } });
  }
  if (outcome === "admin") return failure(409, { formError: messages[lang].settings.adminCannotClose, fieldErrors: {}, values: { form: "close" } });
  return redirect("/?closed=1", { headers: { "Set-Cookie": await logOut(request), "Clear-Site-Data": '"cache"' } });
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const s = loaderData;
  const result = actionData;
  const failed = result && !result.ok ? result : undefined;
  // Each form shows its own errors: the password and closing forms' failures say which they are.
  const passwordFailed = failed?.values.form === "password" ? failed : undefined;
  const closeFailed = failed?.values.form === "close" ? failed : undefined;
  const errors = failed && !passwordFailed && !closeFailed ? failed.fieldErrors : {};
  const [params] = useSearchParams();
  const { m, f } = useT();
  return (
    <div className="page narrow">
      <h1>{m.settings.title}</h1>
      {params.get("saved") === "1" && !result ? (
        <p className="notice" role="status">
          {m.settings.saved}
        </p>
      ) : null}
      {params.get("password") === "changed" && !result ? (
        <p className="notice" role="status">
          {m.settings.passwordChanged}
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="settings" />
        <Field name="name" label={m.auth.yourName} defaultValue={s.name} error={errors.name} required maxLength={100} />
        <Field name="locale" label={m.settings.language} error={errors.locale}>
          <select id="field-locale" name="locale" defaultValue={s.locale}>
            <LanguageOptions />
          </select>
        </Field>
        <Field name="timeZone" label={m.settings.timeZone} hint={m.settings.timeZoneHint} error={errors.timeZone}>
          <select id="field-timeZone" name="timeZone" defaultValue={s.timeZone}>
            <option value="">{f(m.settings.timeZoneAuto, { zone: s.zoneByCountry })}</option>
            {s.zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" name="dataSaver" defaultChecked={s.dataSaver} /> {m.settings.dataSaver}
        </label>
        <div>
          <button type="submit" className="button">
            {m.settings.save}
          </button>
        </div>
      </Form>
      <h2 id="password-heading">{m.settings.passwordHeading}</h2>
      <FormError message={passwordFailed?.formError} />
      <Form method="post" className="stack" aria-labelledby="password-heading">
        <input type="hidden" name="intent" value="password" />
        <Field
          name="current"
          label={m.settings.currentPassword}
          type="password"
          autoComplete="current-password"
          error={passwordFailed?.fieldErrors.current}
          required
        />
        <Field
          name="password"
          label={m.auth.newPassword}
          type="password"
          autoComplete="new-password"
          hint={m.auth.passwordHint}
          error={passwordFailed?.fieldErrors.password}
          required
          minLength={8}
          maxLength={200}
        />
        <div>
          <button type="submit" className="button">
            {m.settings.changePassword}
          </button>
        </div>
      </Form>
      <h2>{m.settings.dataHeading}</h2>
      <p>{m.settings.dataLead}</p>
      <p className="actions">
        <a className="button secondary" href="/settings/data.json" download>
          {m.settings.dataLink}
        </a>
      </p>
      <h2 id="close-heading">{m.settings.closeHeading}</h2>
      <p>{m.settings.closeLead}</p>
      <FormError message={closeFailed?.formError} />
      <Form method="post" className="stack" aria-labelledby="close-heading">
        <input type="hidden" name="intent" value="close" />
        <Field
          name="closePassword"
          label={m.settings.closePassword}
          type="password"
          autoComplete="current-password"
          error={closeFailed?.fieldErrors.closePassword}
          required
        />
        <div>
          <label className="check">
            <input
              type="checkbox"
              name="confirm"
              required
              aria-invalid={closeFailed?.fieldErrors.confirm ? true : undefined}
              aria-describedby={closeFailed?.fieldErrors.confirm ? "confirm-error" : undefined}
            />{" "}
            {m.settings.closeConfirm}
          </label>
          {closeFailed?.fieldErrors.confirm ? (
            <span className="field-error" id="confirm-error">
              {closeFailed.fieldErrors.confirm}
            </span>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button danger">
            {m.settings.closeSubmit}
          </button>
        </div>
      </Form>
    </div>
  );
}
