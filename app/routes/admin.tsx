import { ScrollRegion } from "~/components/scroll-region";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/admin.server";
import { findUserByLogin } from "~/auth/users.server";
import { Field, FormError } from "~/components/forms";
import { getDb } from "~/db/client.server";
import { countryName, ORG_KINDS } from "~/orgs/kinds";
import { addMember, addOrg, findOrg, listOrgs, OrgError, orgInputSchema } from "~/orgs/orgs.server";
import { failure, parseForm, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Administration · Co-op Campus" }];

/** Admins only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAdmin(request, context);
  return {
    orgs: listOrgs(getDb()).map((o) => ({ id: o.id, name: o.name, country: countryName(o.country), kind: ORG_KINDS[o.kind as keyof typeof ORG_KINDS] ?? o.kind, parentId: o.parentId })),
    kinds: Object.entries(ORG_KINDS).map(([value, label]) => ({ value, label })),
  };
}

const memberSchema = z.object({
  intent: z.literal("member"),
  login: z.string().trim().min(1, "Enter the person's email or username."),
  org: z.string().trim().min(1, "Choose an organisation."),
  role: z.enum(["learner", "trainer", "coordinator"], { errorMap: () => ({ message: "Choose a role." }) }),
});

/** Admins only: add an organisation, or give a person a role in one. */
export async function action({ request, context }: ActionFunctionArgs) {
  requireAdmin(request, context);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "org") {
    const parsed = parseForm(form, orgInputSchema.extend({ intent: z.literal("org") }));
    if (!parsed.ok) return failure(400, parsed);
    try {
      const id = addOrg(getDb(), parsed.data);
      return { ok: true as const, message: `Added ${parsed.data.name} (id ${id}).` };
    } catch (error) {
      if (error instanceof OrgError) return failure(error.status, { formError: error.message, fieldErrors: {}, values: parsed.data as unknown as Record<string, string> });
      throw error;
    }
  }
  const parsed = parseForm(form, memberSchema);
  if (!parsed.ok) return failure(400, parsed);
  const user = findUserByLogin(getDb(), parsed.data.login);
  if (!user) return failure(404, { fieldErrors: { login: "No account has this email or username." }, values: parsed.data });
  const org = findOrg(getDb(), parsed.data.org);
  if (!org) return failure(404, { fieldErrors: { org: "No organisation has this name or number." }, values: parsed.data });
  addMember(getDb(), { userId: user.id, organisationId: org.id, role: parsed.data.role });
  return { ok: true as const, message: `${user.name} is now a ${parsed.data.role} of ${org.name}.` };
}

export default function Admin() {
  const { orgs, kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result && !result.ok ? result.fieldErrors : {};
  return (
    <div className="page">
      <h1>Administration</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      <FormError message={result && !result.ok ? result.formError : undefined} />
      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">Organisations ({orgs.length})</h2>
        <ScrollRegion label="Organisations">
          <table>
            <caption className="visually-hidden">Organisations</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">Id</th>
                <th scope="col">Country</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">Parent</th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td className="num">{o.id}</td>
                  <td>{o.country}</td>
                  <td>{o.kind}</td>
                  <td className="num">{o.parentId ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
      <section aria-labelledby="add-org">
        <h2 id="add-org">Add an organisation</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="org" />
          <Field name="name" label="Name" error={errors.name} required />
          <Field name="country" label="Country (ISO code, such as KE or CM)" error={errors.country} required maxLength={2} />
          <Field name="kind" label="Kind" error={errors.kind}>
            <select id="field-kind" name="kind">
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </Field>
          <Field name="parent" label="Parent (name or id, optional)" error={errors.parent} />
          <div>
            <button type="submit" className="button">
              Add organisation
            </button>
          </div>
        </Form>
      </section>
      <section aria-labelledby="add-member">
        <h2 id="add-member">Give a person a role</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="member" />
          <Field name="login" label="Email or username" error={errors.login} required />
          <Field name="org" label="Organisation (name or id)" error={errors.org} required />
          <Field name="role" label="Role" error={errors.role}>
            <select id="field-role" name="role">
              <option value="learner">Learner</option>
              <option value="trainer">Trainer</option>
              <option value="coordinator">Coordinator</option>
            </select>
          </Field>
          <div>
            <button type="submit" className="button">
              Add
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
