import { describe, expect, it } from "vitest";
import { cachedReport, clearReportCache } from "~/reports/cache.server";

describe("report cache", () => {
  it("reuses a result within its time to live, recomputes after, and never caches with 0", () => {
    clearReportCache();
    let runs = 0;
    const compute = () => ++runs;
    expect(cachedReport("k", 30, compute, 1_000).value).toBe(1);
    expect(cachedReport("k", 30, compute, 20_000)).toEqual({ value: 1, at: 1_000 });
    expect(cachedReport("k", 30, compute, 31_001).value).toBe(2);
    expect(cachedReport("other", 30, compute, 31_002).value).toBe(3);
    expect(cachedReport("z", 0, compute).value).toBe(4);
    expect(cachedReport("z", 0, compute).value).toBe(5);
  });
});
