import type { Route } from "./+types/certificates.$code.pdf";
import { certificateTitleIn, findCertificate } from "~/certificates/issue.server";
import { getCatalog } from "~/catalog/catalog.server";
import { certificatePdf } from "~/certificates/pdf.server";
import { getEnv } from "~/env.server";
import { localeOf } from "~/auth/users.server";

/** Public: /certificates/<code>.pdf (server.ts maps it here). */
export async function loader({ params, context }: Route.LoaderArgs) {
  const cert = await findCertificate(context.db, params.code ?? "");
  if (!cert) return new Response("No certificate has this code.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const env = getEnv();
  const locale = await localeOf(context.db, cert.userId);
  // In the holder's language, course title included, where the course is translated.
  const courseTitle = certificateTitleIn(cert, (await getCatalog()).courses, locale);
  const pdf = await certificatePdf({ ...cert, courseTitle }, { verifyUrl: `${env.origin}/certificates/${cert.code}`, issuerName: env.issuerName, locale });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(pdf.length),
      "Content-Disposition": `inline; filename="certificate-${cert.code}.pdf"`,
      "Cache-Control": "no-cache",
    },
  });
}
