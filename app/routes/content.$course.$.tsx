import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { getUser, toViewer } from "~/auth/auth.server";
import { findCourse, getCatalog } from "~/catalog/catalog.server";

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

/** Images, videos and downloads of a course folder. Public for published courses; drafts for their trainers. Never MDX or YAML. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const course = findCourse(await getCatalog(), params.course ?? "", toViewer(getUser(request, context)));
  if (!course) return notFound();
  const relative = params["*"] ?? "";
  const abs = path.resolve(course.dir, relative);
  const type = types[path.extname(abs).toLowerCase()];
  if (!type || !abs.startsWith(course.dir + path.sep) || relative.split("/").some((p) => p.startsWith("."))) return notFound();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    return notFound();
  }
  if (!stat.isFile()) return notFound();
  const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const headers = {
    "Content-Type": type,
    "Content-Length": String(stat.size),
    "Cache-Control": course.meta.draft ? "private, no-cache" : "public, max-age=86400",
    ETag: etag,
    ...(type === "image/svg+xml" ? { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" } : {}),
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(abs)), { status: 200, headers });
}
