import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { normalizeCode } from "~/certificates/codes";
import { httpError } from "~/utils/http-errors";

/** Public: the short address of a certificate, for a text message or a chat (/c/ and the code without hyphens). */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = normalizeCode(params.code ?? "");
  if (!code) throw httpError(404, "noCertificate");
  return redirect(`/certificates/${code}`, 301);
}
