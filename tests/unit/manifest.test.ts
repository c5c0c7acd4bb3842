/**
 * The web app manifest lets Android offer to install the campus (issue 26):
 * PNG icons of 192 and 512 pixels, the 512 one usable as a maskable icon,
 * which a phone crops to a circle, a squircle or a rounded square. Maskable
 * icons keep everything that matters inside the central circle of 40% of the
 * icon's size (the "safe zone", W3C Manifest, icon masks), on a background
 * that fills the whole square.
 */
import fs from "node:fs";
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";

type Icon = { src: string; sizes: string; type: string; purpose?: string };
const manifest = JSON.parse(fs.readFileSync("public/manifest.webmanifest", "utf8")) as { icons: Icon[]; start_url: string; display: string };

/** Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what the icons are) into its rows of pixels. */
function decodePng(file: string) {
  const bytes = fs.readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      expect({ depth, interlace }).toEqual({ depth: 8, interlace: 0 });
      channels = colour === 2 ? 3 : colour === 6 ? 4 : 0;
      expect(channels, "RGB or RGBA").toBeGreaterThan(0);
    } else if (type === "IDAT") data.push(body);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter]!;
      pixels[y * stride + x] = (line[x]! + predictor) & 0xff;
    }
  }
  const at = (x: number, y: number) => [...pixels.subarray(y * stride + x * channels, y * stride + (x + 1) * channels)];
  return { width, height, channels, at };
}

describe("the web app manifest", () => {
  it("opens on the learner's page, as an app, with PNG icons of 192 and 512 pixels, one of them maskable", () => {
    expect(manifest).toMatchObject({ start_url: "/learn", display: "standalone" });
    const png = manifest.icons.filter((i) => i.type === "image/png");
    expect(png.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(png.some((i) => (i.purpose ?? "any").split(" ").includes("maskable"))).toBe(true);
    for (const icon of png) {
      const { width, height } = decodePng(`public${icon.src}`);
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it("keeps the maskable icon's drawing inside the safe zone, on a background that fills the square", () => {
    const icon = manifest.icons.find((i) => i.type === "image/png" && (i.purpose ?? "").split(" ").includes("maskable"))!;
    const { width, height, channels, at } = decodePng(`public${icon.src}`);
    const background = at(0, 0);
    if (channels === 4) expect(background[3], "an opaque background").toBe(255);
    const near = (p: number[]) => p.every((v, i) => Math.abs(v - background[i]!) <= 8);
    const centre = width / 2;
    const safe = 0.4 * width;
    let outside = 0;
    let drawn = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const inside = Math.hypot(x + 0.5 - centre, y + 0.5 - centre) <= safe;
        if (!inside && !near(at(x, y))) outside++;
        if (inside && !near(at(x, y))) drawn++;
      }
    }
    expect(outside, "pixels of the drawing outside the safe zone").toBe(0);
    expect(drawn, "a drawing inside the safe zone").toBeGreaterThan(width * height * 0.05);
  });
});
