/**
 * A state-changing request from another site is refused: cookies are
 * SameSite=Lax, and this says so plainly. Used by server.ts for every post
 * and by the attempts endpoint, which answers before express.
 *
 * No Origin header: an old browser or a script without cookies, let through.
 * "null": a sandboxed or privacy-stripped cross-site post, refused.
 */
export function isForeignOrigin(origin: string | undefined, host: string | undefined, publicUrl?: string): boolean {
  if (origin === undefined) return false;
  if (origin === "null") return true;
  try {
    const from = new URL(origin).host;
    if (from === host) return false;
    return !(publicUrl && new URL(publicUrl).host === from);
  } catch {
    return true;
  }
}

export const CROSS_SITE_REFUSAL = "Cross-site form submissions are not accepted.";
