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
