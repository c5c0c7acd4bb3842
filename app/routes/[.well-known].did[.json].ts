import { didDocument } from "~/certificates/credential.server";
import { getIssuer, publishedKeys } from "~/certificates/keys.server";

/** Public: the issuer's did:web document, with every key it signs or signed with. */
export async function loader() {
  let current: string | undefined;
  let did: string;
  try {
    const issuer = await getIssuer();
    current = issuer.publicKeyMultibase;
    did = issuer.did;
  } catch {
    const { didWebFor } = await import("~/certificates/keys.server");
    const { getEnv } = await import("~/env.server");
    did = didWebFor(getEnv().origin);
  }
  return new Response(JSON.stringify(didDocument(did, await publishedKeys(current)), null, 2), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
