import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "~/db/client.server";
import { certificates } from "~/db/schema";
import { audit } from "~/audit/audit.server";

/** Revokes once; the first reason and date stand. Returns false when it was already revoked. */
export async function revokeCertificate(db: Db, input: { code: string; reason: string; by: number | null; now?: Date }): Promise<boolean> {
  const at = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(certificates)
      .set({ revokedAt: at, revokedReason: input.reason, revokedBy: input.by })
      .where(and(eq(certificates.code, input.code), isNull(certificates.revokedAt)))
      .returning({ userId: certificates.userId });
    if (revoked) await audit(tx, { by: input.by, action: "certificate-revoke", subjectId: revoked.userId, detail: input.code, at });
    return revoked !== undefined;
  });
}
