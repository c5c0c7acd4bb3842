/**
 * The issuer's Ed25519 signing key: generated at first use, kept in a file
 * outside the database (mode 0600). If the file disappears after credentials
 * were signed with it, that is never papered over: signing stops with a
 * clear message until the file is restored or a new key is explicitly allowed
 * (CAMPUS_NEW_ISSUER_KEY=1). Old public keys stay published in did.json, so
 * credentials signed with them keep verifying.
 */
import fs from "node:fs";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import type { Db } from "~/db/client.server";
import { getDb } from "~/db/client.server";
import { issuerKeys } from "~/db/schema";
import { getEnv } from "~/env.server";

export type Issuer = {
  did: string;
  name: string;
  url: string;
  verificationMethod: string;
  publicKeyMultibase: string;
  /** A @digitalbazaar Ed25519Multikey key pair with signer(). */
  keyPair: { signer(): unknown };
};

export class IssuerKeyLostError extends Error {}
export class IssuerKeyExposedError extends Error {}

/** did:web for a host: the port's colon is percent-encoded. */
export function didWebFor(origin: string): string {
  const url = new URL(origin);
  return `did:web:${encodeURIComponent(url.host)}${url.pathname
    .replace(/\/$/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => `:${p}`)
    .join("")}`;
}

let cached: Promise<Issuer> | undefined;

export function getIssuer(): Promise<Issuer> {
  cached ??= loadIssuer().catch((error) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

export function resetIssuerForTests() {
  cached = undefined;
}

async function loadIssuer(): Promise<Issuer> {
  const env = getEnv();
  const did = didWebFor(env.origin);
  const file = env.issuerKeyFile;
  let stored: { publicKeyMultibase: string; secretKeyMultibase: string } | undefined;
  try {
    // A secret key others on the machine can read is no longer the issuer's alone: refused, as ssh refuses such keys.
    const mode = fs.statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new IssuerKeyExposedError(
        `issuer key ${file} can be read by other users of this machine (mode ${mode.toString(8)}): run chmod 600 on it, then start again`,
      );
    }
    stored = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    if (error instanceof IssuerKeyExposedError) throw error;
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`issuer key ${file} cannot be read: ${(error as Error).message}`);
  }
  if (!stored) {
    // Any key recorded as having signed (kept even after closed accounts' credentials are removed) forbids a silent new one.
    const [signed] = await getDb().select().from(issuerKeys).limit(1);
    if (signed && !env.allowNewIssuerKey) {
      throw new IssuerKeyLostError(
        `The certificate signing key ${file} is missing, but credentials were already signed with a key. ` +
          "Restore the file from your backup. Only if it is truly lost, start once with CAMPUS_NEW_ISSUER_KEY=1 to create a new key " +
          "(credentials signed with the old key keep verifying; its public key stays in /.well-known/did.json).",
      );
    }
    const generated = await Ed25519Multikey.generate();
    const exported = await generated.export({ publicKey: true, secretKey: true, includeContext: false });
    stored = { publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...stored, createdAt: new Date().toISOString() }, null, 2) + "\n", { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    console.warn(`issuer: created a new signing key in ${file}; back it up with the database`);
  }
  const verificationMethod = `${did}#${stored.publicKeyMultibase}`;
  const keyPair = await Ed25519Multikey.from({
    "@context": "https://w3id.org/security/multikey/v1",
    type: "Multikey",
    id: verificationMethod,
    controller: did,
    publicKeyMultibase: stored.publicKeyMultibase,
    secretKeyMultibase: stored.secretKeyMultibase,
  });
  return { did, name: env.issuerName, url: env.origin, verificationMethod, publicKeyMultibase: stored.publicKeyMultibase, keyPair };
}

/** Records that a key signs credentials (before it signs the first): kept for ever, published in did.json. */
export async function recordSigningKey(db: Db, publicKeyMultibase: string) {
  await db.insert(issuerKeys).values({ publicKeyMultibase }).onConflictDoNothing();
}

/** Every public key this issuer signs or has signed with: the current one and those recorded, whatever the number of certificates. */
export async function publishedKeys(current: string | undefined, db: Db = getDb()): Promise<string[]> {
  const keys = new Set<string>(current ? [current] : []);
  for (const r of await db.select({ key: issuerKeys.publicKeyMultibase }).from(issuerKeys).orderBy(issuerKeys.firstUsedAt)) keys.add(r.key);
  return [...keys];
}
