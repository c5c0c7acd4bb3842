/**
 * How far the server's JavaScript heap may grow past what is live before V8
 * runs a full collection (decision 0009).
 *
 * V8 takes its growing factor from the heap limit, and the limit from the
 * machine: with a heap limit of 1 GB or more (hosts with about 4 GB of memory
 * or more) it may let the old generation reach four times what is live,
 * below that it chooses between 1.3 and 2 by itself. The campus keeps about
 * 35 MB live, so on a large host four times made 320-350 MB under load;
 * three times keeps it near 250 MB for a few more full collections. On a
 * small host V8's own choice is already smaller, and a fixed factor would
 * replace it (the flag overrides V8's choice, it is not a ceiling), so the
 * default leaves it alone there.
 */
export const AUTO_HEAP_GROWTH_PERCENT = 200;
const LARGE_HEAP_LIMIT = 1024 ** 3;

/** The V8 flag to set at start, or null for V8's own choice. `configured` is HEAP_GROWTH_PERCENT (undefined: not set). */
export function heapGrowthFlag(configured: number | undefined, heapSizeLimit: number): string | null {
  const percent = configured ?? (heapSizeLimit >= LARGE_HEAP_LIMIT ? AUTO_HEAP_GROWTH_PERCENT : 0);
  return percent > 0 ? `--heap-growing-percent=${percent}` : null;
}
