import type { Language } from "~/i18n/language";
import { messages, type ClientMessages } from "./messages";

type Namespace = keyof ClientMessages;

/** Every page: the layout, error pages, the offline status line, breadcrumbs and progress words. */
const BASE: Namespace[] = ["layout", "errors", "serverErrors", "offline", "module"];

/**
 * Who reads the page, as far as texts go: staff (trainers, admins, anyone in development) see the trainers'
 * tools. Asked only on the pages that have them (a database lookup the other pages need not make).
 */
export type Reader = { staff: () => boolean };

/**
 * The interface texts a page needs, by its address and reader. The root
 * loader sends them in the reader's language only, so the client bundle
 * carries no message file (three languages of text cost every first visit
 * about 17 KB) and a page carries only its own part. The root loader runs
 * again whenever the path changes (see root.tsx), so in-app navigation gets
 * the next page's texts.
 */
export function namespacesFor(pathname: string, reader: Reader = { staff: () => false }): Namespace[] {
  const p = pathname.replace(/\/+$/, "") || "/";
  const extra: Namespace[] = (() => {
    // The offline page's texts go to the service worker from the pages where courses are saved and read offline.
    if (p === "/learn") return ["pages", "complete", "offlinePage"];
    if (p === "/") return ["pages", "complete"];
    if (p === "/courses" || p === "/certificates") return ["pages"];
    if (/^\/courses\/[^/]+\/stats$/.test(p)) return ["stats", "pages"];
    if (/^\/courses\/[^/]+\/glossary$/.test(p)) return ["pages"];
    // A module page (the page learners load most) needs no catalog or home-page texts, and learners no trainer bar.
    // (A finished course's texts come with the module's own data, only when it is finished.)
    if (/^\/courses\/[^/]+\/[^/]+$/.test(p)) return reader.staff() ? ["quiz", "trainer"] : ["quiz"];
    if (/^\/courses\/[^/]+$/.test(p)) return ["pages", "complete", "offlinePage"];
    if (/^\/certificates\/[^/]+/.test(p)) return ["certificate", "pages"];
    if (["/signup", "/login", "/logout", "/set-password", "/settings"].includes(p)) return ["auth", "settings"];
    if (p === "/join") return ["join", "auth"];
    if (p === "/teach") return ["teach", "pages"];
    if (p.startsWith("/dashboard")) return ["dash", "importPage", "pages"];
    if (p === "/coops") return ["coopsPage", "dash"];
    if (p === "/admin" || p === "/admin/audit") return ["admin", "dash"];
    return [];
  })();
  return [...BASE, ...extra];
}

/** The texts for this page, in one language (server-only texts, such as validation, never leave the server). */
export function clientMessages(lang: Language, pathname: string, reader?: Reader): Partial<ClientMessages> {
  const namespaces = namespacesFor(pathname, reader);
  const key = `${lang}:${namespaces.join(",")}`;
  let texts = picked.get(key);
  if (!texts) {
    const all = messages[lang] as ClientMessages;
    texts = Object.freeze(Object.fromEntries(namespaces.map((n) => [n, all[n]]))) as Partial<ClientMessages>;
    picked.set(key, texts);
  }
  return texts;
}

/**
 * One object per language and set of namespaces (a few dozen at most), made once: pages then share it, and so
 * does useT's merge with the English fallback (app/i18n/i18n.ts), instead of each page building its own.
 */
const picked = new Map<string, Partial<ClientMessages>>();
