// Completes the last module of sample-course for a user at an agreed instant, from its own process and connection.
import { loadCatalog } from "~/catalog/catalog.server";
import { getDb } from "~/db/client.server";
import { recordModuleComplete } from "~/learning/enrolment.server";

const [userId, startAt] = process.argv.slice(2).map(Number);
const catalog = await loadCatalog({ contentDir: "tests/fixtures/content-good" });
const course = catalog.courses.get("sample-course")!;
const db = getDb();
while (Date.now() < startAt!) await new Promise((r) => setTimeout(r, 1));
const outcome = await recordModuleComplete(db, { userId: userId!, course, module: course.modules[1]! });
console.log(JSON.stringify({ completedNow: outcome.courseCompletedNow }));
