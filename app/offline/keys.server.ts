import { createHash } from "node:crypto";
import type { SignedIn } from "~/auth/auth.server";

// Node's native SHA-256: two of these run on every signed-in page, and the JavaScript one took about 1% of a
// module page's server time.
const hex = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/**
 * Names for what a browser keeps offline for the signed-in person. Not
 * secrets (the server still checks the session cookie on every request): they
 * keep one person's saved pages and waiting answers apart from another's on a
 * shared phone.
 * - `session`: saved pages belong to this session and go when it ends.
 * - `person`: quiz answers waiting to be sent belong to this person, so they
 *   are never sent under someone else's session, and survive logging in again.
 */
export function offlineKeys(signedIn: SignedIn | null) {
  if (!signedIn) return null;
  return { session: hex(`campus-offline-session:${signedIn.sessionId}`), person: hex(`campus-offline-person:${signedIn.user.id}`) };
}
