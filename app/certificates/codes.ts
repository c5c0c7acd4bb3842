/**
 * Public certificate codes: 100 random bits in Crockford base32 (no I, L, O
 * or U, so nothing is misread), in five groups of four: 7K3M-9QX2-…
 * Easy to read aloud and type; impossible to guess or enumerate.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 20;

export function generateCode(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(CODE_LENGTH));
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) out += ALPHABET[bytes[i]! & 31];
  return out.match(/.{4}/g)!.join("-");
}

/** What a person typed, made canonical: case, spaces and hyphens do not matter; I/L read as 1, O as 0. */
export function normalizeCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (raw.length !== CODE_LENGTH || [...raw].some((c) => !ALPHABET.includes(c))) return null;
  return raw.match(/.{4}/g)!.join("-");
}
