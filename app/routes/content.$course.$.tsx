import fs from "node:fs";
import path from "node:path";
import type { Route } from "./+types/content.$course.$";
import { createReadableStreamFromReadable } from "@react-router/node";
import { getUser, toViewer } from "~/auth/auth.server";
import { canSeeDrafts, findCourse, getCatalog, mayServeAsset } from "~/catalog/catalog.server";
import { resolveCourseFile } from "~/catalog/course-files.server";

const types: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ".odt": "application/vnd.oasis.opendocument.text",
};

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain" } });

/**
 * Images, videos and downloads of a course folder: public when a published module uses them; the rest (drafts,
 * files no published module names) for the course's trainers. Never MDX or YAML, never a hidden file, never a
 * file outside the course folder, symbolic links included (app/catalog/course-files.server.ts).
 */
export async function loader({ request, params, context }: Route.LoaderArgs) {
  const viewer = await toViewer(await getUser(request, context));
  const course = findCourse(await getCatalog(), params.course ?? "", viewer);
  if (!course) return notFound();
  const relative = params["*"] ?? "";
  const type = types[path.extname(relative).toLowerCase()];
  if (!type || !mayServeAsset(course, viewer, relative)) return notFound();
  const file = resolveCourseFile(course.dir, relative);
  if (!file) return notFound();
  const { stat } = file;
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const draft = canSeeDrafts(viewer, course.slug) && !mayServeAsset(course, null, relative);
  const headers = {
    "Content-Type": type,
    "Content-Length": String(stat.size),
    "Cache-Control": course.meta.draft || draft ? "private, no-cache" : "public, max-age=86400",
    ETag: etag,
    ...(type === "image/svg+xml" ? { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" } : {}),
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  const stream = fs.createReadStream(file.real);
  // A read that fails or is given up errors the response's body; the file stream's own 'error' event must not
  // also go unheard, which stops a Node process.
  stream.on("error", () => {});
  return new Response(createReadableStreamFromReadable(stream), { status: 200, headers });
}
