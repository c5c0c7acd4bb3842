import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { audit } from "~/audit/audit.server";

/** Revokes once; the first reason and date stand. Returns false when it was already revoked. */
export function revokeCertificate(db: Db, input: { code: string; reason: string; by: number | null; now?: Date }): boolean {
  const at = input.now ?? new Date();
  return db.transaction(() => {
    const revoked = db
      .update(certificates)
      .set({ revokedAt: at, revokedReason: input.reason, revokedBy: input.by })
      .where(and(eq(certificates.code, input.code), isNull(certificates.revokedAt)))
      .returning({ userId: certificates.userId })
      .get();
    if (revoked) audit(db, { by: input.by, action: "certificate-revoke", subjectId: revoked.userId, detail: input.code, at });
    return revoked !== undefined;
  });
}
