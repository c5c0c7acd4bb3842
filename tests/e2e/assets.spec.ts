import http from "node:http";
import zlib from "node:zlib";
import { expect, test } from "@playwright/test";

/** A raw GET: the bytes as sent, not decoded. */
function get(url: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

test("scripts go out precompressed (Brotli, else gzip, else plain), the same bytes each way, cached for good", async ({ baseURL }) => {
  // The page as the server sends it (once hydrated, React drops the preload links).
  const html = (await get(`${baseURL}/courses`, { "accept-encoding": "identity" })).body.toString("utf8");
  const src = /<link rel="modulepreload" href="([^"]+)"/.exec(html)?.[1];
  expect(src).toMatch(/^\/assets\/.+\.js$/);
  const url = `${baseURL}${src}`;
  const plain = await get(url, { "accept-encoding": "identity" });
  expect(plain.status).toBe(200);
  expect(plain.headers["content-encoding"]).toBeUndefined();
  const br = await get(url, { "accept-encoding": "gzip, deflate, br" });
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["content-type"]).toMatch(/javascript/);
  expect(br.headers["vary"]).toMatch(/Accept-Encoding/i);
  expect(br.headers["cache-control"]).toMatch(/immutable/);
  expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
  const gz = await get(url, { "accept-encoding": "gzip" });
  expect(gz.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
  // A q=0 refusal is respected.
  expect((await get(url, { "accept-encoding": "br;q=0, gzip" })).headers["content-encoding"]).toBe("gzip");
  // Only files the build compressed are served this way: nothing outside build/client.
  expect((await get(`${baseURL}/assets/..%2F..%2Fpackage.json`, { "accept-encoding": "br" })).status).toBe(404);
});

test("the built server loads React only after choosing production: no static import reaches react, react-dom or react-router", async () => {
  // React picks its development or production build when first loaded. server.ts sets NODE_ENV and only then imports
  // the framework; a bundler hoisting a static import of it above that line once made every page render with React's
  // development build, at twice the cost. Follow the static imports of build/server.js through its chunks.
  const fs = await import("node:fs");
  const path = await import("node:path");
  const seen = new Set<string>();
  const reached: string[] = [];
  const walk = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, "utf8");
    for (const [, from] of source.matchAll(/^\s*import\s+(?:[^"'()]*?\s+from\s+)?["']([^"']+)["']/gm)) {
      if (from!.startsWith(".")) walk(path.resolve(path.dirname(file), from!));
      else reached.push(from!);
    }
  };
  walk(path.resolve("build/server.js"));
  expect(reached).toContain("express");
  expect(reached.filter((name) => /^(react|react-dom|react-router|@react-router\/.*)(\/|$)/.test(name))).toEqual([]);
});

test("benchmark-only pages are not in a production build", async ({ baseURL }) => {
  // npm run bench builds with CAMPUS_BENCH=1 to mount its bare route; npm run build and npm start never do.
  expect((await get(`${baseURL}/bench/bare?bytes=100`, {})).status).toBe(404);
});
