import { describe, expect, it } from "vitest";
import type { SignedIn } from "~/auth/auth.server";
import { offlineKeys } from "~/offline/keys.server";

describe("offline keys", () => {
  it("are the same from one version of the server to the next (phones keep their saved pages and waiting answers)", () => {
    // SHA-256 of the prefixed session id and user id, hex, first 32 characters: pinned, so that a change of how
    // they are computed cannot strand what phones hold under the old names.
    const keys = offlineKeys({ sessionId: "abc", user: { id: 42 } } as SignedIn);
    expect(keys).toEqual({ session: "4611476cd983d6410d2922b030a31703", person: "5916ee1a051ddd0e778340e803fcea7e" });
  });

  it("are none for someone signed out", () => {
    expect(offlineKeys(null)).toBeNull();
  });
});
