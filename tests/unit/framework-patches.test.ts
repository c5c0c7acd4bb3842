/**
 * patches/ (applied by patch-package after every install) changes two
 * framework files. The behaviour that matters is checked here, so an install
 * that skipped the patches, or an upgrade that dropped them, fails a test.
 */
import { Writable } from "node:stream";
import { writeReadableStreamToWritable } from "@remix-run/node";
import { describe, expect, it } from "vitest";

describe("@remix-run/node streams a body at the pace of its reader", () => {
  it("waits for a full writable to drain (a CSV export is never held whole in memory)", async () => {
    let peak = 0;
    let sent = 0;
    const writable = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        setTimeout(callback, 1);
      },
    });
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          peak = Math.max(peak, writable.writableLength);
          if (sent++ === 100) controller.close();
          else controller.enqueue(new Uint8Array(8));
        },
      },
      { highWaterMark: 0 },
    );
    await writeReadableStreamToWritable(body, writable);
    // Without waiting for 'drain', all 800 bytes would be waiting in the writable at once.
    expect(peak).toBeLessThanOrEqual(24);
  });

  it("stops reading the body when the response is closed early", async () => {
    let cancelled = false;
    let pulled = 0;
    const writable = new Writable({
      highWaterMark: 16,
      write(_chunk, _encoding, callback) {
        setTimeout(callback, 5);
      },
    });
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(64));
      },
      cancel() {
        cancelled = true;
      },
    });
    const done = writeReadableStreamToWritable(body, writable).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 20));
    writable.destroy();
    expect(await done).toBeInstanceOf(Error);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});
