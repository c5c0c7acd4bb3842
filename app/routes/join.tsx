import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { getCatalog } from "~/catalog/catalog.server";
import { Field, FormError } from "~/components/forms";
import { getDb } from "~/db/client.server";
import { JoinCodeError, OrgError, redeemJoinCode } from "~/orgs/orgs.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { messages, useT } from "~/i18n/i18n";
import type { Messages } from "~/i18n/messages";
import { negotiateLanguage } from "~/i18n/locale.server";
import { metaText, titled } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => [{ title: titled(metaText(matches).join.title) }];

/** Signed-in people only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return null;
}

const schemaIn = (e: Messages["joinErrors"]) => z.object({ code: z.string().trim().min(1, e.enterCode).max(40, e.tooLong) });

/** A signed-in person enters a join code and joins that co-op as a learner. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const e = messages[negotiateLanguage(request, user)].joinErrors;
  const parsed = parseForm(await readForm(request), schemaIn(e));
  if (!parsed.ok) return failure(400, parsed);
  try {
    const joined = redeemJoinCode(getDb(), { code: parsed.data.code, user, courses: (await getCatalog()).courses });
    return { ok: true as const, organisation: joined.organisation.name, enrolled: joined.enrolled };
  } catch (error) {
    if (error instanceof JoinCodeError) return failure(error.status, { fieldErrors: { code: e[error.problem] }, values: { code: parsed.data.code } });
    if (error instanceof OrgError) return failure(error.status, { fieldErrors: { code: error.message }, values: { code: parsed.data.code } });
    throw error;
  }
}

export default function Join() {
  const result = useActionData<typeof action>();
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
