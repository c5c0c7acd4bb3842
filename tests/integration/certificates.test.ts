import fs from "node:fs";
import { count, eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { beforeAll, describe, expect, it } from "vitest";
import { createUser } from "~/auth/users.server";
import { loadCatalog, type Catalog } from "~/catalog/catalog.server";
import { didDocument, loaderWithDid, verifySignedCredential } from "~/certificates/credential.server";
import { findCertificate, signPending } from "~/certificates/issue.server";
import { getIssuer, publishedKeys } from "~/certificates/keys.server";
import { certificatePdf } from "~/certificates/pdf.server";
import { revokeCertificate } from "~/certificates/revoke.server";
import { mayRevoke as canRevoke } from "~/access/rules.server";
import { getDb } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { getEnv } from "~/env.server";
import { enrol, recordModuleComplete } from "~/learning/enrolment.server";
import { coop as coopNamed, member } from "../support/factories";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
});
const course = () => catalog.courses.get("sample-course")!;
let n = 0;

async function completer(name = "Ngozi Achieng'") {
  const u = await createUser(getDb(), { email: `cert${++n}@example.org`, name, password: "password123" });
  await enrol(getDb(), u.id, course());
  for (const m of course().modules) await recordModuleComplete(getDb(), { userId: u.id, course: course(), module: m, now: new Date("2026-05-04T08:00:00Z") });
  return u;
}
const certOf = (userId: number) => getDb().select().from(certificates).where(eq(certificates.userId, userId));

describe("issuing", () => {
  it("issues exactly one certificate when the course completes, with the name, version and hash as they stood", async () => {
    const u = await completer("Amélie Ndongo-Éssomba");
    await recordModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[0]! });
    const rows = await certOf(u.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      learnerName: "Amélie Ndongo-Éssomba",
      courseSlug: "sample-course",
      courseTitle: "Sample course",
      courseVersion: "2",
      contentHash: course().contentHash,
      revokedAt: null,
    });
    expect(rows[0]!.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(rows[0]!.issuedAt.toISOString()).toBe("2026-05-04T08:00:00.000Z");
  });

  it("issues nothing before the course is complete", async () => {
    const u = await createUser(getDb(), { email: `partial${++n}@example.org`, name: "P", password: "password123" });
    await enrol(getDb(), u.id, course());
    await recordModuleComplete(getDb(), { userId: u.id, course: course(), module: course().modules[0]! });
    expect(await certOf(u.id)).toHaveLength(0);
  });
});

describe("the signed credential", () => {
  it("is an OpenBadgeCredential with a DataIntegrityProof that verifies, naming no plain email", async () => {
    const u = await completer();
    await signPending(getDb(), catalog.courses);
    const cert = (await certOf(u.id))[0]!;
    const credential = cert.credential as Record<string, any>;
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]);
    expect(credential.issuer).toMatchObject({ id: "did:web:localhost%3A3000", type: ["Profile"], name: "Co-op Campus" });
    expect(credential.validFrom).toBe("2026-05-04T08:00:00Z");
    expect(credential.credentialSubject.achievement).toMatchObject({
      type: ["Achievement"],
      name: "Sample course",
      criteria: { narrative: expect.any(String) },
    });
    expect(credential.credentialSubject.identifier[0]).toMatchObject({
      type: "IdentityObject",
      hashed: true,
      identityType: "emailAddress",
      identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(credential)).not.toContain(u.email);
    // A one-element proof set: 1EdTech's strict AchievementCredential schema accepts only an array (see conformsToOb3Schema).
    expect(credential.proof).toEqual([
      expect.objectContaining({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" }),
    ]);
    expect(conformsToOb3Schema(credential)).toEqual([]);

    const issuer = await getIssuer();
    const loader = loaderWithDid(didDocument(issuer.did, await publishedKeys(issuer.publicKeyMultibase)));
    expect(await verifySignedCredential(credential, loader)).toEqual({ verified: true });

    const tampered = JSON.parse(JSON.stringify(credential).replace("Sample course", "Sample coursf"));
    const result = await verifySignedCredential(tampered, loader);
    expect(result).toMatchObject({ verified: false, reason: expect.stringMatching(/changed after signing|signature/) });
  });

  it("keeps the signing key in a file of its own, readable by the server's user only", async () => {
    await getIssuer();
    const stat = fs.statSync(getEnv().issuerKeyFile);
    expect(stat.mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(getEnv().issuerKeyFile, "utf8")).toContain("secretKeyMultibase");
  });
});

describe("campus cert verify", () => {
  it("verifies a credential file offline with a copy of the DID document, and names the problem when one character changed", async () => {
    const { verifyCredentialFile } = await import("~/certificates/verify-file.server");
    const os = await import("node:os");
    const path = await import("node:path");
    const u = await completer();
    await signPending(getDb(), catalog.courses);
    const cert = (await certOf(u.id))[0]!;
    const issuer = await getIssuer();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-verify-"));
    const credFile = path.join(dir, "credential.json");
    const didFile = path.join(dir, "did.json");
    fs.writeFileSync(credFile, JSON.stringify(cert.credential));
    fs.writeFileSync(didFile, JSON.stringify(didDocument(issuer.did, await publishedKeys(issuer.publicKeyMultibase))));
    const ok = await verifyCredentialFile(credFile, { didFile });
    expect(ok.ok).toBe(true);
    expect(ok.lines[0]).toMatch(/^valid: signature verified/);

    fs.writeFileSync(
      credFile,
      JSON.stringify(cert.credential).replace(
        cert.code,
        cert.code.replace(/.$/, (c) => (c === "A" ? "B" : "A")),
      ),
    );
    const bad = await verifyCredentialFile(credFile, { didFile });
    expect(bad.ok).toBe(false);
    expect(bad.lines[0]).toMatch(/^invalid: .*changed after signing/);

    const offline = await verifyCredentialFile(credFile, {
      fetch: (async () => {
        throw new Error("offline");
      }) as typeof fetch,
    });
    expect(offline.lines[0]).toMatch(/pass --did/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("losing the signing key", () => {
  it("is never silent: signing stops with a clear message until the key is restored or a new one is allowed", async () => {
    const { resetIssuerForTests, IssuerKeyLostError } = await import("~/certificates/keys.server");
    const { resetEnvForTests } = await import("~/env.server");
    await completer();
    await signPending(getDb(), catalog.courses);
    const file = getEnv().issuerKeyFile;
    const saved = fs.readFileSync(file);
    fs.rmSync(file);
    resetIssuerForTests();
    await expect(getIssuer()).rejects.toBeInstanceOf(IssuerKeyLostError);
    await expect(getIssuer()).rejects.toThrow(/missing.*Restore the file/s);
    fs.writeFileSync(file, saved, { mode: 0o600 });
    resetIssuerForTests();
    await expect(getIssuer()).resolves.toMatchObject({ did: "did:web:localhost%3A3000" });

    fs.rmSync(file);
    process.env.CAMPUS_NEW_ISSUER_KEY = "1";
    resetEnvForTests();
    resetIssuerForTests();
    const fresh = await getIssuer();
    delete process.env.CAMPUS_NEW_ISSUER_KEY;
    resetEnvForTests();
    // The old key stays published, so credentials signed with it still verify.
    expect((await publishedKeys(fresh.publicKeyMultibase)).length).toBe(2);
  });
});

describe("campus cert verify --online", () => {
  it("reports a revoked certificate as revoked, though its signature holds", async () => {
    const { verifyCredentialFile } = await import("~/certificates/verify-file.server");
    const os = await import("node:os");
    const path = await import("node:path");
    const u = await completer();
    await signPending(getDb(), catalog.courses);
    const cert = (await certOf(u.id))[0]!;
    await revokeCertificate(getDb(), { code: cert.code, reason: "Completed by someone else", by: null });
    const issuer = await getIssuer();
    const did = didDocument(issuer.did, await publishedKeys(issuer.publicKeyMultibase));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "campus-online-"));
    const credFile = path.join(dir, "c.json");
    fs.writeFileSync(credFile, JSON.stringify(cert.credential));
    const asked: string[] = [];
    const fakeServer = (async (url: string) => {
      asked.push(String(url));
      if (String(url).endsWith("/.well-known/did.json")) return new Response(JSON.stringify(did));
      if (String(url).endsWith(`/certificates/${cert.code}/status.json`))
        return new Response(JSON.stringify({ status: "revoked", revokedAt: "2026-06-01T00:00:00.000Z", reason: "Completed by someone else" }));
      return new Response("not found", { status: 404 });
    }) as typeof fetch;
    const verdict = await verifyCredentialFile(credFile, { online: true, fetch: fakeServer });
    expect(verdict.ok).toBe(false);
    expect(verdict.lines[0]).toMatch(/^valid: signature verified/);
    expect(verdict.lines[1]).toMatch(/^revoked: on 2026-06-01.*Completed by someone else/);
    expect(asked).toEqual(["http://localhost:3000/.well-known/did.json", `http://localhost:3000/certificates/${cert.code}/status.json`]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the PDF", () => {
  it("is a real PDF whose text holds the learner's name, even a long one with diacritics, the course and the code", async () => {
    const name = "Marie-Thérèse Ngo Bikoko Épse Nkwenti-Mbatchou Wanjirũ Kĩmani";
    const u = await completer(name);
    const cert = (await certOf(u.id))[0]!;
    const pdf = await certificatePdf(cert, { verifyUrl: `http://localhost:3000/certificates/${cert.code}`, issuerName: "Co-op Campus" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text.replace(/\s+/g, " ");
    expect(text).toContain(name);
    expect(text).toContain(cert.code);
    expect(text).toContain("Sample course");
    expect(text).toContain(`http://localhost:3000/certificates/${cert.code}`);
    expect(pdf.length).toBeLessThan(200_000);
  });
});

describe("revoking", () => {
  it("is for admins and coordinators of the learner's co-op (or its parent), not for others", async () => {
    const db = getDb();
    const federation = { id: await coopNamed(`Federation ${++n}`, { kind: "federation" }) };
    const coop = { id: await coopNamed(`SACCO ${++n}`, { parentId: federation.id }) };
    const other = { id: await coopNamed(`Other ${++n}`, { country: "CM", kind: "agricultural" }) };
    const learner = await completer();
    await member(learner.id, coop.id, "learner");
    const person = async (org: number | null, role: "coordinator" | "learner", isAdmin = false) => {
      const p = await createUser(db, { email: `r${++n}@example.org`, name: "R", password: "password123", isAdmin });
      if (org) await member(p.id, org, role);
      return p;
    };
    const cert = (await certOf(learner.id))[0]!;
    expect(await canRevoke(db, await person(federation.id, "coordinator"), cert)).toBe(true);
    expect(await canRevoke(db, await person(coop.id, "coordinator"), cert)).toBe(true);
    expect(await canRevoke(db, await person(null, "learner", true), cert)).toBe(true);
    expect(await canRevoke(db, await person(other.id, "coordinator"), cert)).toBe(false);
    expect(await canRevoke(db, await person(coop.id, "learner"), cert)).toBe(false);
    expect(await canRevoke(db, learner, cert)).toBe(false);

    expect(await revokeCertificate(db, { code: cert.code, reason: "Issued in error", by: null })).toBe(true);
    expect(await revokeCertificate(db, { code: cert.code, reason: "Again", by: null })).toBe(false);
    expect(await findCertificate(db, cert.code.toLowerCase())).toMatchObject({ revokedReason: "Issued in error" });
  });

  it("never finds a certificate by a malformed or unknown code", async () => {
    expect(await findCertificate(getDb(), "0000-0000-0000-0000-0000")).toBeUndefined();
    expect(await findCertificate(getDb(), "' or 1=1 --")).toBeUndefined();
    expect((await getDb().select({ n: count() }).from(certificates))[0]!.n).toBeGreaterThan(0);
  });
});

/**
 * What 1EdTech's JSON Schema for AchievementCredential (ob_v3p0_achievementcredential_schema.json, the one its
 * public validator applies; read from 1EdTech/openbadges-specification, docs/schema/achievementcredential.json of
 * 30 July 2024) requires, pinned here so that the suite runs offline: the problems found, or none.
 */
function conformsToOb3Schema(c: Record<string, any>): string[] {
  const problems: string[] = [];
  const need = (object: Record<string, any> | undefined, where: string, keys: string[]) => {
    for (const k of keys) if (object?.[k] === undefined) problems.push(`${where}.${k} is required`);
  };
  need(c, "credential", ["@context", "id", "type", "credentialSubject", "issuer", "validFrom"]);
  if (
    !Array.isArray(c["@context"]) ||
    c["@context"][0] !== "https://www.w3.org/ns/credentials/v2" ||
    !/^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$/.test(c["@context"][1] ?? "")
  ) {
    problems.push("@context must start with the VC 2.0 and OB 3.0 contexts");
  }
  if (
    !Array.isArray(c.type) ||
    !c.type.includes("VerifiableCredential") ||
    !(c.type.includes("OpenBadgeCredential") || c.type.includes("AchievementCredential"))
  )
    problems.push("type");
  if (!Array.isArray(c.proof)) problems.push("proof must be an array");
  else for (const p of c.proof) need(p, "proof[]", ["type"]);
  need(c.issuer, "issuer", ["id", "type"]);
  need(c.credentialSubject, "credentialSubject", ["type", "achievement"]);
  need(c.credentialSubject?.achievement, "achievement", ["id", "type", "criteria", "description", "name"]);
  for (const i of c.credentialSubject?.identifier ?? []) {
    need(i, "identifier[]", ["type", "hashed", "identityHash", "identityType"]);
    const extra = Object.keys(i).filter((k) => !["type", "hashed", "identityHash", "identityType", "salt"].includes(k));
    if (extra.length) problems.push(`identifier[] has properties the schema forbids: ${extra.join(", ")}`);
  }
  return problems;
}
