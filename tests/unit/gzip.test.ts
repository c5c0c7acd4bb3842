import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipReply, gzipSizing } from "~/utils/gzip.server";

/** A graded reply's shape, with `questions` of them: JSON that repeats itself as real replies do. */
const reply = (questions: number) =>
  Buffer.from(
    JSON.stringify({
      ok: true,
      score: 0.8,
      passed: true,
      message: "You passed with 80%. This module is complete.",
      questions: Array.from({ length: questions }, (_, i) => ({
        id: `question-${i}`,
        credit: i % 3 ? 1 : 0,
        explanation: `The general assembly elects the board (${i}); each member has one vote whatever the shares held: democratic member control.`,
      })),
    }),
  );

describe("gzip for replies", () => {
  it("sizes the window to the reply, with zlib's defaults from 32 KB up", () => {
    expect(gzipSizing(0)).toEqual({ windowBits: 9, memLevel: 2 });
    expect(gzipSizing(1700)).toEqual({ windowBits: 11, memLevel: 4 });
    expect(gzipSizing(32 * 1024)).toEqual({ windowBits: 15, memLevel: 8 });
    expect(gzipSizing(5_000_000)).toEqual({ windowBits: 15, memLevel: 8 });
  });

  it.each([1, 8, 40, 400])("a reply with %i question(s) decodes to itself and is no larger than with zlib's defaults", (n) => {
    const body = reply(n);
    const sized = gzipReply(body);
    expect(zlib.gunzipSync(sized).equals(body)).toBe(true);
    expect(sized.length).toBeLessThanOrEqual(zlib.gzipSync(body).length + 8);
    expect(sized.length).toBeLessThan(body.length);
  });
});
