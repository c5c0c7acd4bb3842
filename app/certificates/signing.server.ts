import { getCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { signPending } from "./issue.server";

let running: Promise<unknown> = Promise.resolve();

/** After a completion commits: sign new certificates' credentials in the background, one batch at a time. */
export function signCertificatesSoon() {
  running = running
    .then(async () => signPending(getDb(), (await getCatalog()).courses))
    .catch((error) => console.error(`certificates: ${(error as Error).message}`));
  return running;
}
