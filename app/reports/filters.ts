import { z } from "zod";
import { isCountryCode, ORG_KIND_VALUES } from "~/orgs/kinds";

/** A day written YYYY-MM-DD that exists. */
export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.")
  // Said only of a day written right; a date that reads back the same exists (JavaScript rolls 30 February into March).
  .refine((d) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return true;
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
  }, "That date does not exist.");

/** Dashboard filters live in the URL, so a view can be bookmarked and shared. */
export const SORT_COLUMNS = ["label", "learners", "enrolled", "inProgress", "completed", "completionRate", "averageScore", "lastActivity"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const filtersSchema = z
  .object({
    country: z.string().trim().toUpperCase().refine(isCountryCode, "Unknown country code.").optional(),
    kind: z.enum(ORG_KIND_VALUES, { errorMap: () => ({ message: "Unknown kind of organisation." }) }).optional(),
    course: z
      .string()
      .regex(/^[a-z0-9-]{1,100}$/, "Unknown course.")
      .optional(),
    from: day.optional(),
    to: day.optional(),
    sort: z.enum(SORT_COLUMNS).optional(),
    dir: z.enum(["asc", "desc"]).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date is after the end date.", path: ["from"] });

export type Filters = z.infer<typeof filtersSchema>;

/** Reads filters from search params; empty values mean "any". */
export function parseFilters(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const key of ["country", "kind", "course", "from", "to", "sort", "dir"]) {
    const v = params.get(key);
    if (v) raw[key] = v;
  }
  return filtersSchema.safeParse(raw);
}

export function filtersToSearch(f: Filters, extra: Record<string, string> = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, String(v));
  return p.toString();
}

/**
 * On a co-op's page and its learners' CSV, `quiet=7|14|30` keeps the learners who may need a nudge: an
 * unfinished course with nothing done for that many days, or no course at all.
 */
export const QUIET_DAYS = ["7", "14", "30"] as const;
const quietSchema = z.enum(QUIET_DAYS, { errorMap: () => ({ message: "Choose 7, 14 or 30 days without activity." }) });

/** The `quiet` filter: its days and the moment before which activity counts as quiet, or none. */
export function parseQuiet(params: URLSearchParams, now = Date.now()) {
  const raw = params.get("quiet");
  if (!raw) return { success: true as const, data: null };
  const parsed = quietSchema.safeParse(raw);
  if (!parsed.success) return { success: false as const, message: parsed.error.issues[0]!.message };
  const days = Number(parsed.data);
  return { success: true as const, data: { days, since: now - days * 86_400_000 } };
}
