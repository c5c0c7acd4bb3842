import { describe, expect, it } from "vitest";
import { heapGrowthFlag } from "~/server/heap.server";

const GB = 1024 ** 3;

describe("heap growth (decision 0009)", () => {
  it("lets the heap grow to three times what is live on a large host, where V8 would allow four", () => {
    expect(heapGrowthFlag(undefined, 4 * GB)).toBe("--heap-growing-percent=200");
    expect(heapGrowthFlag(undefined, 1 * GB)).toBe("--heap-growing-percent=200");
  });

  it("leaves a small host to V8, whose own choice there is smaller than ours", () => {
    expect(heapGrowthFlag(undefined, 560 * 1024 ** 2)).toBeNull();
  });

  it("follows HEAP_GROWTH_PERCENT when it is set, 0 meaning V8's own choice", () => {
    expect(heapGrowthFlag(50, 560 * 1024 ** 2)).toBe("--heap-growing-percent=50");
    expect(heapGrowthFlag(300, 4 * GB)).toBe("--heap-growing-percent=300");
    expect(heapGrowthFlag(0, 4 * GB)).toBeNull();
  });
});
