/**
 * The demo's cohort: co-op staff in the Kenya and Cameroon pilots who have
 * been learning for the past eight weeks, so that a coordinator trying the
 * demo sees a dashboard with something in it (enrolments, progress, quiz
 * scores, completions by week, certificates) and a trainer sees quiz
 * statistics.
 *
 * Everything goes through the domain functions a learner's clicks call
 * (enrol, mark a module complete, submit a quiz attempt), dated in the past,
 * so the report totals, attempts and certificates are exactly what real use
 * would leave. The people are made up, have no password (nobody can sign in
 * as them) and use the demo's mail domain. The same seed gives the same
 * cohort; only the dates follow the day of the first start.
 */
import type { CatalogCourse, CatalogModule } from "~/catalog/catalog.server";
import type { Language } from "~/i18n/language";
import { createUser } from "~/auth/users.server";
import { enrol, markModuleComplete } from "~/learning/enrolment.server";
import { submitAttempt } from "~/quizzes/attempts.server";
import type { QuestionDefinition, QuizDefinition } from "~/quizzes/definition";
import { rightAnswer, type Answers } from "~/quizzes/grading";
import { mulberry32 } from "~/utils/random";
import type { Db } from "~/db/client.server";
import { memberships } from "~/db/schema";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** How far back the cohort's first enrolments go. */
const WEEKS = 8;

export type CohortCoop = { organisationId: number; country: "KE" | "CM"; learners: number };
export type CohortSummary = { learners: number; enrolments: number; completions: number; attempts: number };

const names = {
  KE: {
    first: [
      "Achieng",
      "Wambui",
      "Otieno",
      "Kiprono",
      "Njeri",
      "Mwangi",
      "Akinyi",
      "Kamau",
      "Chebet",
      "Omondi",
      "Wairimu",
      "Mutua",
      "Atieno",
      "Kibet",
      "Nyambura",
      "Ochieng",
      "Jepkosgei",
      "Muthoni",
      "Wekesa",
      "Moraa",
    ],
    last: ["Odhiambo", "Kariuki", "Mutiso", "Cheruiyot", "Onyango", "Kimani", "Wafula", "Koech", "Ndung'u", "Owino", "Maina", "Rotich"],
  },
  CM: {
    first: [
      "Aïcha",
      "Jean-Baptiste",
      "Marie-Claire",
      "Emmanuel",
      "Florence",
      "Samuel",
      "Hadjara",
      "Paul",
      "Brigitte",
      "Ibrahim",
      "Christelle",
      "Désiré",
      "Nadège",
      "Joseph",
      "Pauline",
      "Alain",
    ],
    last: ["Ngono", "Fotso", "Tchoupo", "Ewane", "Nkeng", "Ayissi", "Tchamba", "Abena", "Djoumessi", "Manga", "Nana", "Essomba"],
  },
} as const;

/** "Ndung'u" → "ndungu", "Aïcha" → "aicha": the part of a made-up address. */
const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[^A-Za-z-]/g, "")
    .toLowerCase();

/**
 * Adds the cohort: for each co-op, its learners (members of it), each enrolled in one or two of the published
 * courses in a language of their country, some not started, some part of the way, some done with a certificate.
 */
export async function seedDemoCohort(
  db: Db,
  input: { coops: CohortCoop[]; courses: ReadonlyMap<string, CatalogCourse>; now?: Date; seed?: number },
): Promise<CohortSummary> {
  const now = (input.now ?? new Date()).getTime();
  const random = mulberry32(input.seed ?? 2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const published = [...input.courses.values()].filter((c) => !c.meta.draft && c.modules.some((m) => !m.draft));
  const summary: CohortSummary = { learners: 0, enrolments: 0, completions: 0, attempts: 0 };
  const used = new Set<string>();

  for (const coop of input.coops) {
    // Kenya's learners take courses in English or Swahili, Cameroon's in French (any course, where none is in French).
    const reads: Language[] = coop.country === "KE" ? ["en", "sw"] : ["fr"];
    const courses = published.filter((c) => c.meta.languages.some((l) => reads.includes(l)));
    const offered = courses.length ? courses : published;
    for (let i = 0; i < coop.learners; i++) {
      const first = pick(names[coop.country].first);
      const last = pick(names[coop.country].last);
      let email = `${ascii(first)}.${ascii(last)}@demo.coop-campus.org`;
      for (let n = 2; used.has(email); n++) email = `${ascii(first)}.${ascii(last)}${n}@demo.coop-campus.org`;
      used.add(email);
      const locale: Language = coop.country === "CM" ? "fr" : random() < 0.3 ? "sw" : "en";
      const user = await createUser(db, { email, name: `${first} ${last}`, password: null, locale });
      await db.insert(memberships).values({ userId: user.id, organisationId: coop.organisationId, role: "learner" });
      summary.learners++;
      if (!offered.length) continue;

      const howMany = offered.length > 1 && random() < 0.35 ? 2 : 1;
      const chosen = new Set<CatalogCourse>();
      while (chosen.size < howMany) chosen.add(pick(offered));
      for (const course of chosen) {
        // Enrolled some time in the last eight weeks; one learner in five has not opened a module yet.
        let at = now - Math.floor((0.2 + random() * (WEEKS * 7 - 0.5)) * DAY);
        await enrol(db, user.id, course, new Date(at));
        summary.enrolments++;
        const stage = random();
        if (stage < 0.2) continue;
        const modules = course.modules.filter((m) => !m.draft);
        const goal = stage < 0.6 ? 1 + Math.floor(random() * Math.max(1, modules.length - 1)) : modules.length;
        const skill = 0.5 + random() * 0.5;
        let done = 0;
        for (const module of modules.slice(0, goal)) {
          // A few days between modules; one whose turn has not come yet is not done yet.
          at += Math.floor((0.1 + random() * 4) * DAY);
          if (at > now - HOUR) break;
          if (module.quizzes.length) {
            const taken = await takeQuizzes(db, { userId: user.id, course, module, skill, at, random });
            summary.attempts += taken.attempts;
            if (!taken.passed) break; // stuck on this module's quiz: still in progress
          } else await markModuleComplete(db, { userId: user.id, course, module, now: new Date(at) });
          done++;
        }
        if (done === modules.length) summary.completions++;
      }
    }
  }
  return summary;
}

/** Each quiz of the module, up to three tries (fewer if the quiz allows fewer), each try a little better: whether all passed, and the tries made. */
async function takeQuizzes(
  db: Db,
  input: { userId: number; course: CatalogCourse; module: CatalogModule; skill: number; at: number; random: () => number },
): Promise<{ passed: boolean; attempts: number }> {
  const { userId, course, module, random } = input;
  let attempts = 0;
  for (const quiz of module.quizzes) {
    let passed = false;
    const tries = Math.min(3, quiz.maxAttempts ?? 3);
    for (let t = 0; t < tries && !passed; t++) {
      const answers = answer(quiz, Math.min(1, input.skill + t * 0.2), random);
      const outcome = await submitAttempt(db, {
        userId,
        course,
        module,
        quiz,
        answers,
        idempotencyKey: crypto.randomUUID(),
        now: new Date(input.at + t * 10 * 60_000),
      });
      passed = outcome.grade.passed;
      attempts++;
    }
    if (!passed) return { passed: false, attempts };
  }
  return { passed: true, attempts };
}

/** Answers as a learner of this skill might give them: each question right with that chance. */
function answer(quiz: QuizDefinition, skill: number, random: () => number): Answers {
  return Object.fromEntries(quiz.questions.map((q) => [q.id, random() < skill ? rightAnswer(q) : wrong(q, random)]));
}

function wrong(q: QuestionDefinition, random: () => number): string[] {
  if (q.kind === "text") return ["not sure"];
  const wrongOnes = q.choices.filter((c) => !c.correct);
  if (q.kind === "multiple") {
    // One right answer missed, or a wrong one ticked as well.
    const correct = rightAnswer(q);
    return wrongOnes.length && random() < 0.5 ? [...correct, wrongOnes[0]!.id] : correct.slice(1);
  }
  return wrongOnes.length ? [wrongOnes[Math.floor(random() * wrongOnes.length)]!.id] : rightAnswer(q);
}
