import { z } from "zod";
import { LANGUAGES } from "~/i18n/languages.server";

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const courseSlugSchema = z.string().regex(slug, "use lower-case letters, digits and hyphens");

/** course.yaml: every field trainers may set, with its default. */
export const courseYamlSchema = z
  .object({
    title: z.string({ required_error: "title is required" }).trim().min(1, "title is required"),
    summary: z.string({ required_error: "summary is required" }).trim().min(1, "summary is required"),
    audience: z.string().trim().optional(),
    languages: z
      .array(z.enum(LANGUAGES, { errorMap: () => ({ message: `languages must be among ${LANGUAGES.join(", ")}` }) }))
      .min(1)
      .default(["en"]),
    estimatedHours: z.number({ invalid_type_error: "estimatedHours must be a number" }).positive().max(500).optional(),
    passMark: z.number().min(0, "passMark must be between 0 and 1").max(1, "passMark must be between 0 and 1").default(0.7),
    certificateTitle: z.string().trim().min(1).optional(),
    version: z.union([z.string(), z.number()]).transform(String).default("1"),
    draft: z.boolean().default(false),
    featured: z.boolean().default(false),
    /**
     * A full course follows the programme's house style (`content check --strict`: app/catalog/house-style.server.ts);
     * a short one (a taster, a refresher) is held only to what makes a course work.
     */
    format: z.enum(["full", "short"], { errorMap: () => ({ message: "format is full or short" }) }).default("full"),
    tags: z.array(z.string()).default([]),
    /** A small cover picture in the course folder (SVG or WebP, at most 15 KB): shown on cards and the outline, never in data saver. */
    cover: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_./-]*\.(svg|webp)$/, "cover is a .svg or .webp file in the course folder")
      .refine((p) => !p.split("/").some((s) => s === ".." || s.startsWith(".")), "cover must stay inside the course folder")
      .optional(),
    /** Organisations the course was made with, named on its card and outline. */
    partners: z.array(z.string().trim().min(1).max(80)).max(6).default([]),
    /** The course's title, summary and audience in its other languages. */
    translations: z
      .record(
        z.enum(LANGUAGES, { errorMap: () => ({ message: `translations are keyed by language: ${LANGUAGES.join(", ")}` }) }),
        z
          .object({
            title: z.string().trim().min(1),
            summary: z.string().trim().min(1).optional(),
            audience: z.string().trim().optional(),
            partners: z.array(z.string().trim().min(1).max(80)).max(6).optional(),
          })
          .strict(),
      )
      .default({}),
  })
  .strict();
export type CourseYaml = z.infer<typeof courseYamlSchema>;

/** The frontmatter of a module file. */
export const moduleFrontmatterSchema = z
  .object({
    title: z.string({ required_error: "title is required" }).trim().min(1, "title is required"),
    summary: z.string().trim().optional(),
    minutes: z.number({ required_error: "minutes is required", invalid_type_error: "minutes must be a number" }).int().positive().max(600),
    draft: z.boolean().default(false),
  })
  .strict();
export type ModuleFrontmatter = z.infer<typeof moduleFrontmatterSchema>;

/** `01-what-is-a-coop.mdx`, `01-what-is-a-coop.fr.mdx` */
export const moduleFilePattern = new RegExp(`^(\\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)(?:\\.(${LANGUAGES.join("|")}))?\\.mdx$`);
