import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth/auth.server";
import { getCatalog } from "~/catalog/catalog.server";
import { Field, FormError } from "~/components/forms";
import { getDb } from "~/db/client.server";
import { OrgError, redeemJoinCode } from "~/orgs/orgs.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/i18n/i18n";

export const meta: MetaFunction = () => [{ title: "Join a co-operative · Co-op Campus" }];

/** Signed-in people only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(request, context);
  return null;
}

const schema = z.object({ code: z.string().trim().min(1, "Enter the join code from your co-operative.").max(40, "That is too long for a join code.") });

/** A signed-in person enters a join code and joins that co-op as a learner. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const parsed = parseForm(await readForm(request), schema);
  if (!parsed.ok) return failure(400, parsed);
  try {
    const joined = redeemJoinCode(getDb(), { code: parsed.data.code, user, courses: (await getCatalog()).courses });
    return { ok: true as const, organisation: joined.organisation.name, enrolled: joined.enrolled };
  } catch (error) {
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
