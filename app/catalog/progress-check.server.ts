/**
 * `content check --db`: modules that learners have progress or quiz attempts
 * on, but that the content folder no longer has (renamed or removed).
 * Progress is kept by module slug, so a rename strands it.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { rawAll, type Db } from "~/db/client.server";
import type { Catalog } from "./catalog.server";
import type { Problem } from "./types";

export async function strandedProgress(db: Db, catalog: Catalog, contentDir: string): Promise<Problem[]> {
  const rows = await rawAll<{ course: string; module: string; learners: number }>(
    db,
    sql`
    select e.course_slug as course, p.module_slug as module, count(distinct e.user_id) as learners
      from module_progress p join enrolments e on e.id = p.enrolment_id
     group by e.course_slug, p.module_slug
    union
    select course_slug as course, module_slug as module, count(distinct user_id) as learners
      from quiz_attempts group by course_slug, module_slug`,
  );
  const merged = new Map<string, { course: string; module: string; learners: number }>();
  for (const r of rows) {
    const key = `${r.course}/${r.module}`;
    const prev = merged.get(key);
    merged.set(key, { ...r, learners: Math.max(prev?.learners ?? 0, r.learners) });
  }
  const problems: Problem[] = [];
  for (const r of merged.values()) {
    const course = catalog.courses.get(r.course);
    const file = path.relative(process.cwd(), path.join(contentDir, "courses", r.course, "course.yaml"));
    if (!course) {
      problems.push({
        file,
        line: 1,
        column: 1,
        severity: "warning",
        message: `course "${r.course}" is gone, but ${r.learners} learner(s) have progress in it`,
      });
    } else if (!course.modules.some((m) => m.slug === r.module)) {
      problems.push({
        file,
        line: 1,
        column: 1,
        severity: "warning",
        message: `module "${r.module}" was renamed or removed, but ${r.learners} learner(s) have progress on it; keep its slug to keep their progress`,
      });
    }
  }
  return problems;
}
