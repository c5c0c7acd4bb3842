import { describe, expect, it } from "vitest";
import { generateCode, normalizeCode } from "~/certificates/codes";

describe("certificate codes", () => {
  it("are 100 random bits in five groups of Crockford base32", () => {
    const code = generateCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const many = new Set(Array.from({ length: 1000 }, () => generateCode()));
    expect(many.size).toBe(1000);
  });

  it("read back however they are typed", () => {
    const code = generateCode(() => new Uint8Array(20).map((_, i) => i * 7));
    expect(normalizeCode(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    expect(normalizeCode("0123-4567-89ab-cdef-ghjk")).toBe("0123-4567-89AB-CDEF-GHJK");
    expect(normalizeCode("O123-4567-89AB-CDEF-GHJK")).toBe("0123-4567-89AB-CDEF-GHJK");
    expect(normalizeCode("I123-4567-89AB-CDEF-GHJK")).toBe("1123-4567-89AB-CDEF-GHJK");
  });

  it("refuse anything else", () => {
    for (const bad of ["", "1234", "0123-4567-89AB-CDEF-GHJU", "0123-4567-89AB-CDEF-GHJK-0", "../../etc/passwd"]) expect(normalizeCode(bad)).toBeNull();
  });
});
