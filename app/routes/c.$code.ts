import type { Route } from "./+types/c.$code";
import { redirect } from "react-router";
import { normalizeCode } from "~/certificates/codes";
import { httpError } from "~/utils/http-errors";

/** Public: the short address of a certificate, for a text message or a chat (/c/ and the code without hyphens). */
export async function loader({ params }: Route.LoaderArgs) {
  const code = normalizeCode(params.code ?? "");
  if (!code) throw httpError(404, "noCertificate");
  return redirect(`/certificates/${code}`, 301);
}
