import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import type { Db } from "~/db/client.server";
import { certificates, users, type Certificate, type Enrolment } from "~/db/schema";
import { getEnv } from "~/env.server";
import type { Tx } from "~/db/client.server";
import { generateCode, normalizeCode } from "./codes";
import { buildCredential, didDocument, loaderWithDid, signCredential, withProofSet } from "./credential.server";
import { getIssuer, publishedKeys, recordSigningKey } from "./keys.server";

/**
 * Within the completion's transaction: issues the enrolment's certificate,
 * exactly once (the unique enrolment index backs this under any race), with
 * the learner's name and the course as they stand now.
 */
export async function issueWithin(tx: Tx, input: { enrolment: Enrolment; course: CatalogCourse; now: Date }): Promise<void> {
  const [user] = await tx.select().from(users).where(eq(users.id, input.enrolment.userId));
  if (!user) return;
  const salt = randomBytes(16).toString("hex");
  // The credential names the learner only by a salted hash: of their email, or of their username if they have none.
  const identity = user.email ?? user.username ?? `user-${user.id}`;
  await tx
    .insert(certificates)
    .values({
      code: generateCode(),
      enrolmentId: input.enrolment.id,
      userId: user.id,
      learnerName: user.name,
      courseSlug: input.course.slug,
      courseTitle: input.course.meta.certificateTitle,
      courseVersion: input.course.meta.version,
      contentHash: input.course.contentHash,
      identityHash: `sha256$${createHash("sha256")
        .update(identity + salt)
        .digest("hex")}`,
      identitySalt: salt,
      identityType: user.email ? "emailAddress" : "identifier",
      issuedAt: input.now,
    })
    .onConflictDoNothing({ target: certificates.enrolmentId });
}

export async function findCertificate(db: Db, code: string): Promise<Certificate | undefined> {
  const canonical = normalizeCode(code);
  if (!canonical) return undefined;
  const [cert] = await db.select().from(certificates).where(eq(certificates.code, canonical));
  return cert;
}

/**
 * A certificate's course title in a language: the course's own translation of its title where course.yaml gives
 * one, else the title as it was certified.
 */
export function certificateTitleIn(
  cert: Pick<Certificate, "courseSlug" | "courseTitle">,
  courses: ReadonlyMap<string, CatalogCourse>,
  language: Language,
): string {
  const course = courses.get(cert.courseSlug);
  if (!course) return cert.courseTitle;
  const translated = course.meta.translations[language]?.title;
  // Translated only where the certified title is the course's own (not a separate certificate title the translation does not cover).
  return translated && cert.courseTitle === (course.meta.certificateTitle ?? course.meta.title) ? translated : cert.courseTitle;
}

/** The person's certificate for a course, if they have one. */
export async function certificateOf(db: Db, userId: number, courseSlug: string): Promise<Certificate | undefined> {
  const [cert] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseSlug, courseSlug)));
  return cert;
}

export async function certificatesOf(db: Db, userId: number): Promise<Certificate[]> {
  return db.select().from(certificates).where(eq(certificates.userId, userId)).orderBy(desc(certificates.issuedAt));
}

/**
 * Signs the credential of every certificate that has none yet. Runs after a
 * completion commits (signing takes milliseconds of a core, which the
 * completion's transaction should not hold the database for) and at start-up,
 * so none is left unsigned.
 */
export async function signPending(db: Db, courses: ReadonlyMap<string, CatalogCourse>): Promise<number> {
  // A revoked certificate is not signed late: a closed account's certificates lose their credential on purpose.
  const pending = await db
    .select()
    .from(certificates)
    .where(and(isNull(certificates.credential), isNull(certificates.revokedAt)));
  if (pending.length === 0) return 0;
  const issuer = await getIssuer();
  await recordSigningKey(db, issuer.publicKeyMultibase);
  const loader = loaderWithDid(didDocument(issuer.did, await publishedKeys(issuer.publicKeyMultibase, db)));
  const origin = getEnv().origin;
  let signed = 0;
  for (const cert of pending) {
    const course = courses.get(cert.courseSlug);
    const unsigned = buildCredential({
      code: cert.code,
      origin,
      issuer,
      learner: { identityHash: cert.identityHash, salt: cert.identitySalt, identityType: cert.identityType },
      course: {
        slug: cert.courseSlug,
        title: course?.meta.title ?? cert.courseTitle,
        summary: course?.meta.summary ?? cert.courseTitle,
        version: cert.courseVersion,
        certificateTitle: cert.courseTitle,
      },
      issuedAt: cert.issuedAt,
    });
    const credential = withProofSet(await signCredential(unsigned, issuer.keyPair.signer(), loader));
    const r = await db
      .update(certificates)
      .set({ credential })
      .where(and(eq(certificates.id, cert.id), isNull(certificates.credential)))
      .returning({ id: certificates.id });
    signed += r.length;
  }
  return signed;
}
