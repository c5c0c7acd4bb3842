import { describe, expect, it } from "vitest";
import { cachedReport, clearReportCache } from "~/reports/cache.server";

describe("report cache", () => {
  it("reuses a result within its time to live, recomputes after, and never caches with 0", async () => {
    clearReportCache();
    let runs = 0;
    const compute = async () => ++runs;
    expect((await cachedReport("k", 30, compute, 1_000)).value).toBe(1);
    expect(await cachedReport("k", 30, compute, 20_000)).toEqual({ value: 1, at: 1_000 });
    expect((await cachedReport("k", 30, compute, 31_001)).value).toBe(2);
    expect((await cachedReport("other", 30, compute, 31_002)).value).toBe(3);
    expect((await cachedReport("z", 0, compute)).value).toBe(4);
    expect((await cachedReport("z", 0, compute)).value).toBe(5);
  });

  it("computes once for requests that miss together", async () => {
    clearReportCache();
    let runs = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++runs), 10));
    const [a, b] = await Promise.all([cachedReport("same", 30, compute, 1_000), cachedReport("same", 30, compute, 1_000)]);
    expect([a.value, b.value, runs]).toEqual([1, 1, 1]);
  });
});
