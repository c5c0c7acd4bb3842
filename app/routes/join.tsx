import type { Route } from "./+types/join";
import { Form, Link } from "react-router";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { getCatalog } from "~/catalog/catalog.server";
import { Field, FormError } from "~/components/forms";
import { joinWithCode } from "~/orgs/orgs.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { format, useT } from "~/i18n/i18n";
import { messages } from "~/i18n/messages";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export function meta({ matches }: Route.MetaArgs) {
  return [{ title: titled(metaText(matches).join.title) }];
}

/** Signed-in people only. */
export async function loader({ request, context }: Route.LoaderArgs) {
  await requireUser(request, context);
  return null;
}

const schemaIn = (e: Messages["joinErrors"]) => z.object({ code: z.string().trim().min(1, e.enterCode).max(40, e.tooLong) });

/** A signed-in person enters a join code and joins that co-op as a learner. */
export async function action({ request, context }: Route.ActionArgs) {
  const user = await requireUser(request, context);
  const lang = negotiateLanguage(request, user);
  const e = messages[lang].joinErrors;
  const parsed = parseForm(await readForm(request), schemaIn(e));
  if (!parsed.ok) return failure(400, parsed);
  const outcome = await joinWithCode(context.db, { code: parsed.data.code, user, address: context.clientAddress, courses: (await getCatalog()).courses });
  if (outcome.ok) return { ok: true as const, organisation: outcome.organisation, enrolled: outcome.enrolled };
  const values = { code: parsed.data.code };
  if (outcome.reason === "throttled")
    return failure(429, {
      fieldErrors: { code: format(lang, messages[lang].formErrors.tooManyCodes, { n: Math.ceil(outcome.retryAfterSeconds / 60) }) },
      values,
    });
  return failure(400, { fieldErrors: { code: e[outcome.problem] }, values });
}

export default function Join({ actionData }: Route.ComponentProps) {
  const result = actionData;
  const { m, f } = useT();
  const j = m.join;
  return (
    <div className="page narrow">
      <h1>{j.title}</h1>
      {result?.ok ? (
        <div className="notice" role="status">
          <p>{f(j.joined, { organisation: result.organisation })}</p>
          {result.enrolled.length ? <p>{f(j.enrolledIn, { courses: result.enrolled.join(", ") })}</p> : null}
          <p>
            <Link to="/learn">{j.goToLearning}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{j.lead}</p>
          <FormError message={result && !result.ok ? result.formError : undefined} />
          <Form method="post" className="stack">
            <Field
              name="code"
              label={j.code}
              autoComplete="off"
              autoCapitalize="characters"
              defaultValue={result && !result.ok ? result.values.code : undefined}
              error={result && !result.ok ? result.fieldErrors.code : undefined}
              required
            />
            <div>
              <button type="submit" className="button">
                {j.submit}
              </button>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
