/** `campus cert verify`: checks a credential file offline, or with the issuer's server for its key and status. */
import fs from "node:fs";
import { type didDocument, loaderWithDid, verifySignedCredential } from "./credential.server";

export function didWebToUrl(did: string): string {
  const parts = did
    .replace(/^did:web:/, "")
    .split(":")
    .map(decodeURIComponent);
  const host = parts.shift()!;
  const scheme = /^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https";
  return parts.length ? `${scheme}://${host}/${parts.join("/")}/did.json` : `${scheme}://${host}/.well-known/did.json`;
}

export type FileVerdict = { ok: boolean; lines: string[] };

export async function verifyCredentialFile(file: string, options: { didFile?: string; online?: boolean; fetch?: typeof fetch } = {}): Promise<FileVerdict> {
  const get = options.fetch ?? fetch;
  let credential: { issuer?: string | { id?: string; name?: string }; validFrom?: string; id?: string } & Record<string, unknown>;
  try {
    credential = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    return { ok: false, lines: [`invalid: ${file} is not a JSON file (${(error as Error).message})`] };
  }
  const issuer: string | undefined = typeof credential.issuer === "string" ? credential.issuer : credential.issuer?.id;
  if (!issuer?.startsWith("did:web:")) return { ok: false, lines: ["invalid: the issuer is not a did:web identifier"] };
  let did: ReturnType<typeof didDocument>;
  try {
    did = options.didFile ? JSON.parse(fs.readFileSync(options.didFile, "utf8")) : await (await get(didWebToUrl(issuer))).json();
  } catch (error) {
    return { ok: false, lines: [`cannot check: no DID document for ${issuer} (${(error as Error).message}); pass --did <did.json> to check offline`] };
  }
  if (did.id !== issuer) return { ok: false, lines: [`invalid: the DID document is for ${did.id}, not the issuer ${issuer}`] };
  const verdict = await verifySignedCredential(credential, loaderWithDid(did));
  if (!verdict.verified) return { ok: false, lines: [`invalid: ${verdict.reason}`] };
  const lines = [
    `valid: signature verified; issued by ${(typeof credential.issuer === "object" ? credential.issuer.name : undefined) ?? issuer} (${issuer}) on ${credential.validFrom}`,
  ];
  if (options.online) {
    const m = /\/certificates\/([^/]+)\/credential\.json$/.exec(String(credential.id));
    if (!m) return { ok: false, lines: [...lines, "cannot check status: the credential id is not a Co-op Campus address"] };
    const statusUrl = String(credential.id).replace(/credential\.json$/, "status.json");
    try {
      const status = (await (await get(statusUrl)).json()) as { status: string; revokedAt?: string; reason?: string };
      if (status.status === "revoked") return { ok: false, lines: [...lines, `revoked: on ${status.revokedAt}; reason: ${status.reason}`] };
      if (status.status !== "valid") return { ok: false, lines: [...lines, `unknown to the issuer: ${statusUrl}`] };
      lines.push("status: not revoked (checked with the issuer just now)");
    } catch (error) {
      return { ok: false, lines: [...lines, `cannot check status at ${statusUrl}: ${(error as Error).message}`] };
    }
  }
  return { ok: true, lines };
}
