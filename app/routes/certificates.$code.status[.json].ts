import type { Route } from "./+types/certificates.$code.status[.json]";
import { findCertificate } from "~/certificates/issue.server";

/** Public: whether a certificate stands or was revoked (used by `campus cert verify --online`). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const cert = await findCertificate(context.db, params.code ?? "");
  const body = !cert
    ? { status: "unknown" }
    : cert.revokedAt
      ? { status: "revoked", revokedAt: cert.revokedAt.toISOString(), reason: cert.revokedReason }
      : { status: "valid" };
  return new Response(JSON.stringify(body), { status: cert ? 200 : 404, headers: { "Content-Type": "application/json", "Cache-Control": "no-cache" } });
}
