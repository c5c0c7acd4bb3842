/**
 * Invitations to join a co-op as a learner, left by a bulk import for an
 * account it may not attach itself (app/orgs/import.server.ts). The holder
 * sees them on /learn and accepts (they join the co-op and are enrolled in
 * the invitation's published courses) or declines; either way the invitation
 * goes and the audit log keeps the answer.
 */
import { and, asc, eq } from "drizzle-orm";
import { audit } from "~/audit/audit.server";
import type { CatalogCourse } from "~/catalog/catalog.server";
import type { Db } from "~/db/client.server";
import { invitations, memberships, organisations } from "~/db/schema";
import { enrol } from "~/learning/enrolment.server";

export type PendingInvitation = { id: number; organisation: string; courses: CatalogCourse[] };

/** The person's own invitations, oldest first, with the published courses each would enrol them in. */
export async function pendingInvitations(db: Db, userId: number, courses: ReadonlyMap<string, CatalogCourse>): Promise<PendingInvitation[]> {
  const rows = await db
    .select({ id: invitations.id, organisation: organisations.name, courseSlugs: invitations.courseSlugs })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(eq(invitations.userId, userId))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
  return rows.map((i) => ({
    id: i.id,
    organisation: i.organisation,
    courses: i.courseSlugs.map((s) => courses.get(s)).filter((c): c is CatalogCourse => !!c && !c.meta.draft),
  }));
}

/** Accepts or declines one of the person's own invitations; false when they have no such invitation (answered already). */
export async function answerInvitation(
  db: Db,
  input: { userId: number; invitationId: number; accept: boolean; courses: ReadonlyMap<string, CatalogCourse>; now?: Date },
): Promise<boolean> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .delete(invitations)
      .where(and(eq(invitations.id, input.invitationId), eq(invitations.userId, input.userId)))
      .returning();
    if (!invitation) return false;
    if (input.accept) {
      await tx.insert(memberships).values({ userId: input.userId, organisationId: invitation.organisationId, role: "learner" }).onConflictDoNothing();
      for (const slug of invitation.courseSlugs) {
        const course = input.courses.get(slug);
        if (course && !course.meta.draft) await enrol(tx, input.userId, course, now);
      }
    }
    await audit(tx, {
      by: input.userId,
      action: input.accept ? "invitation-accept" : "invitation-decline",
      subjectId: input.userId,
      organisationId: invitation.organisationId,
      at: now,
    });
    return true;
  });
}
