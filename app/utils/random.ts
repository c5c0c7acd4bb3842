/**
 * A secret string drawn uniformly from an alphabet, by rejection sampling: a
 * random byte is used only when it falls below the largest multiple of the
 * alphabet's size, so no character is likelier than another (`byte % 30`
 * would favour the first 16 characters).
 */
export function randomFromAlphabet(alphabet: string, length: number): string {
  const n = alphabet.length;
  if (n < 2 || n > 256) throw new Error("an alphabet of 2 to 256 characters");
  const below = 256 - (256 % n);
  let out = "";
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(Math.min(2 * (length - out.length), 4096)))) {
      if (b < below) out += alphabet[b % n];
      if (out.length === length) break;
    }
  }
  return out;
}

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
