/**
 * mulberry32: a small, fast, seeded random generator (not for secrets). The
 * same seed gives the same sequence, so a quiz's shuffle is stable for its
 * attempt and a synthetic data set or a test scenario is the same every run.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
