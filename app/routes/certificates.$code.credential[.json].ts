import type { Route } from "./+types/certificates.$code.credential[.json]";
import { getCatalog } from "~/catalog/catalog.server";
import { findCertificate, signPending } from "~/certificates/issue.server";
import { IssuerKeyLostError } from "~/certificates/keys.server";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body, null, 2), { status, headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" } });

/** Public: the signed Open Badges 3.0 credential, signed now if it was not yet. */
export async function loader({ params, context }: Route.LoaderArgs) {
  let cert = await findCertificate(context.db, params.code ?? "");
  if (!cert) return json({ error: "No certificate has this code." }, 404);
  // Revoked before it was signed, or its credential withdrawn when the holder closed their account.
  if (!cert.credential && cert.revokedAt) return json({ error: "This certificate was revoked and has no credential. Its page shows its status." }, 410);
  if (!cert.credential) {
    try {
      await signPending(context.db, (await getCatalog()).courses);
    } catch (error) {
      if (error instanceof IssuerKeyLostError)
        return json({ error: "The credential cannot be signed right now: the issuer's key is missing. The certificate page still shows its status." }, 503);
      throw error;
    }
    cert = (await findCertificate(context.db, cert.code))!;
  }
  return json(cert.credential);
}
