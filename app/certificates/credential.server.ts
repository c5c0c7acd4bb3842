/**
 * Open Badges 3.0 credentials (W3C VC Data Model 2.0) signed with an embedded
 * DataIntegrityProof, cryptosuite eddsa-rdfc-2022, by the @digitalbazaar
 * libraries, with every JSON-LD context loaded offline.
 */
import multikeyContext from "@digitalbazaar/multikey-context";
import didContext from "did-context";
import { OB_V3, offlineDocumentLoader, VC_V2, type DocumentLoader } from "./document-loader.server";

export type CredentialInput = {
  code: string;
  origin: string;
  issuer: { did: string; name: string; url: string };
  learner: { identityHash: string; salt: string; identityType?: string };
  course: { slug: string; title: string; summary: string; version: string; certificateTitle: string };
  issuedAt: Date;
};

export function verificationUrl(origin: string, code: string) {
  return `${origin}/certificates/${code}`;
}

/** The unsigned OpenBadgeCredential, with every field OB 3.0 requires. */
export function buildCredential(input: CredentialInput): Record<string, unknown> {
  const { origin, code, issuer, course } = input;
  return {
    "@context": [VC_V2, OB_V3],
    id: `${verificationUrl(origin, code)}/credential.json`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: course.certificateTitle,
    description: `Certificate of completion: ${course.title}, version ${course.version}.`,
    issuer: { id: issuer.did, type: ["Profile"], name: issuer.name, url: issuer.url },
    validFrom: input.issuedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityHash: input.learner.identityHash,
          identityType: input.learner.identityType ?? "emailAddress",
          hashed: true,
          salt: input.learner.salt,
        },
      ],
      achievement: {
        id: `${origin}/courses/${course.slug}#v${encodeURIComponent(course.version)}`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: course.title,
        description: course.summary,
        criteria: {
          narrative: "Completed every module of the course and passed every module quiz on Co-op Campus.",
        },
        version: course.version,
        creator: { id: issuer.did, type: ["Profile"], name: issuer.name, url: issuer.url },
      },
    },
    // credentialSchema is optional, and its 1EdTech validator type is no term of the shipped 3.0.3 context:
    // signing in JSON-LD safe mode refuses undefined terms, so it is left out.
  };
}

/** The DID document of an issuer, listing every key it signs or signed with. */
export function didDocument(did: string, publicKeys: string[]) {
  const methods = publicKeys.map((k) => ({ id: `${did}#${k}`, type: "Multikey", controller: did, publicKeyMultibase: k }));
  return {
    "@context": [didContext.CONTEXT_URL, multikeyContext.CONTEXT_URL],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
    authentication: methods.map((m) => m.id),
  };
}

/** A document loader that knows our DID document (and its verification methods) besides the shipped contexts. */
export function loaderWithDid(doc: ReturnType<typeof didDocument>): DocumentLoader {
  const extra = new Map<string, unknown>([[doc.id, doc]]);
  for (const m of doc.verificationMethod) extra.set(m.id, { "@context": multikeyContext.CONTEXT_URL, ...m });
  return offlineDocumentLoader(extra);
}

/** The signing libraries (JSON-LD, RDF canonicalisation: tens of megabytes) are loaded when a credential is first signed or checked. */
let libs:
  | Promise<[typeof import("@digitalbazaar/vc"), typeof import("@digitalbazaar/data-integrity"), typeof import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite")]>
  | undefined;
const signingLibs = () =>
  (libs ??= Promise.all([import("@digitalbazaar/vc"), import("@digitalbazaar/data-integrity"), import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite")]));

/** A data-integrity suite; `contextUrl` only for documents made with an older suite context (the 1EdTech vector). */
export async function eddsaSuite(options: { signer?: unknown; date?: string; contextUrl?: string } = {}) {
  const [, { DataIntegrityProof }, { cryptosuite }] = await signingLibs();
  const suite = new DataIntegrityProof({ signer: options.signer, cryptosuite, date: options.date });
  if (options.contextUrl) suite.contextUrl = options.contextUrl;
  return suite;
}

export async function signCredential(credential: Record<string, unknown>, signer: unknown, documentLoader: DocumentLoader) {
  const [vc] = await signingLibs();
  return (await vc.issue({ credential: structuredClone(credential), suite: await eddsaSuite({ signer }), documentLoader })) as Record<string, unknown>;
}

/**
 * The proof as a one-element array: VC 2.0 allows a single proof or a set, and 1EdTech's strict JSON Schema for
 * AchievementCredential (the one its validator applies) accepts only the array. Verifiers read either: the
 * signature covers the credential without its proof, so the wrapping changes nothing they check.
 */
export function withProofSet(credential: Record<string, unknown>): Record<string, unknown> {
  const { proof } = credential;
  return proof === undefined || Array.isArray(proof) ? credential : { ...credential, proof: [proof] };
}

export type Verification = { verified: true } | { verified: false; reason: string };

/** Checks the signature and the structure; says why when it fails. */
export async function verifySignedCredential(
  credential: unknown,
  documentLoader: DocumentLoader,
  suite?: Awaited<ReturnType<typeof eddsaSuite>>,
): Promise<Verification> {
  const problem = structureProblem(credential);
  if (problem) return { verified: false, reason: problem };
  try {
    const [vc] = await signingLibs();
    suite ??= await eddsaSuite();
    const result = await vc.verifyCredential({ credential, suite, documentLoader });
    if (result.verified) return { verified: true };
    const errors = [result.error, ...(result.error?.errors ?? []), ...(result.results ?? []).map((r: { error?: Error }) => r.error)].filter(Boolean);
    const reason =
      errors.map((e: Error) => e.message).find((m: string) => m && m !== "Verification error(s).") ?? "the signature does not match the credential";
    return {
      verified: false,
      reason: /invalid signature|Invalid signature/i.test(reason) ? "the signature does not match the credential: it was changed after signing" : reason,
    };
  } catch (error) {
    return { verified: false, reason: (error as Error).message };
  }
}

function structureProblem(c: unknown): string | undefined {
  if (!c || typeof c !== "object") return "not a JSON object";
  const x = c as Record<string, unknown>;
  const types = Array.isArray(x.type) ? x.type : [x.type];
  if (!types.includes("VerifiableCredential") || !(types.includes("OpenBadgeCredential") || types.includes("AchievementCredential")))
    return "not an OpenBadgeCredential";
  if (!x.issuer) return "no issuer";
  if (!x.credentialSubject) return "no credentialSubject";
  const proofs = (Array.isArray(x.proof) ? x.proof : x.proof ? [x.proof] : []) as Record<string, unknown>[];
  if (proofs.length !== 1) return proofs.length ? "more than one proof" : "not signed: no proof";
  const proof = proofs[0]!;
  if (proof.type !== "DataIntegrityProof" || proof.cryptosuite !== "eddsa-rdfc-2022")
    return `unsupported proof ${String(proof.type)}/${String(proof.cryptosuite)}`;
  return undefined;
}
