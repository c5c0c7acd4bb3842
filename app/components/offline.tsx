import { useRevalidator } from "react-router";
import { useRootData } from "~/root-data";
import { useEffect, useState } from "react";
import { formatBytes } from "~/utils/bytes";
import { useT } from "~/i18n/i18n";
import {
  documentLinksWhileOffline,
  flushAnswers,
  onPendingChange,
  pendingAnswers,
  savedCount,
  savePages,
  startServiceWorker,
  type PendingAnswer,
} from "~/offline/offline.client";

export type OfflineKeys = { session: string; person: string } | null;

export function useOfflineKeys(): OfflineKeys {
  return useRootData()?.offline ?? null;
}

/**
 * Mounted once by the root: starts the service worker with this session's
 * key (none when signed out, which deletes saved pages), sends answers kept
 * offline when the connection comes back, and lists those still waiting.
 */
export function OfflineSupport() {
  const keys = useOfflineKeys();
  const { lang, m, f } = useT();
  const revalidator = useRevalidator();
  const [waiting, setWaiting] = useState<PendingAnswer[]>([]);
  const [sent, setSent] = useState(false);
  const person = keys?.person ?? null;

  useEffect(() => {
    if (import.meta.env.DEV) return;
    // The offline page's texts come with the pages where courses are saved (outline, My learning); elsewhere the
    // worker keeps those it was last given.
    const o = (m as Partial<typeof m>).offlinePage;
    startServiceWorker(keys?.session ?? null, {
      lang,
      texts: o ? { title: o.title, lead: o.lead, nothing: o.nothing, retry: o.retry, myLearning: m.layout.myLearning, brand: m.layout.brand } : null,
    }).catch(() => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [keys?.session, lang]);

  useEffect(() => documentLinksWhileOffline(), []);

  useEffect(() => {
    if (!person) return;
    const refresh = () => setWaiting(pendingAnswers(person));
    const send = () =>
      flushAnswers(person).then((n) => {
        refresh();
        if (n > 0) {
          setSent(true);
          void revalidator.revalidate();
        }
      });
    refresh();
    if (navigator.onLine) void send();
    window.addEventListener("online", send);
    const stop = onPendingChange(refresh);
    return () => {
      window.removeEventListener("online", send);
      stop();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [person]);

  if (waiting.length === 0 && !sent) return null;
  const time = (t: number) => new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(new Date(t));
  return (
    <div className="notice offline-status" role="status">
      {waiting.length > 0 ? (
        <>
          <p>{f(m.offline.waiting, { n: waiting.length })}</p>
          <ul>
            {waiting.map((w) => (
              <li key={w.key}>{f(m.offline.savedAt, { title: w.title, time: time(w.savedAt) })}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{m.offline.sent}</p>
      )}
    </div>
  );
}

/**
 * The course outline's "save for offline reading" button, with the download
 * size. It needs the Cache API and a service worker, so it appears only once
 * the page runs its script; without script the course reads online as ever.
 */
export function SaveCourseOffline({ urls, also, bytes }: { urls: string[]; also: string[]; bytes: number }) {
  const keys = useOfflineKeys();
  const { lang, m, f } = useT();
  const [supported, setSupported] = useState(false);
  const [count, setCount] = useState(0);
  const [state, setState] = useState<{ kind: "idle" | "saving" | "failed" } | { kind: "done"; bytes: number }>({ kind: "idle" });

  useEffect(() => {
    if (!keys || !("caches" in window) || !("serviceWorker" in navigator)) return;
    setSupported(true);
    savedCount(keys.session, urls).then(setCount, () => {});
  }, [keys, urls]);

  if (!supported || !keys) return null;
  const save = async () => {
    setState({ kind: "saving" });
    try {
      const downloaded = await savePages(keys.session, [...urls, ...also]);
      setCount(await savedCount(keys.session, urls));
      setState({ kind: "done", bytes: downloaded });
    } catch {
      setState({ kind: "failed" });
    }
  };
  const size = formatBytes(bytes, lang);
  return (
    <section className="offline-save" aria-labelledby="offline-heading">
      <h2 id="offline-heading">{m.offline.heading}</h2>
      {count > 0 ? <p>{f(m.offline.saved, { n: count, total: urls.length })}</p> : null}
      <p>
        <button type="button" className="button secondary" onClick={save} disabled={state.kind === "saving"}>
          {state.kind === "saving" ? m.offline.saving : f(count > 0 ? m.offline.update : m.offline.save, { size })}
        </button>
      </p>
      <div role="status">
        {state.kind === "done" ? <p>{f(m.offline.savedNow, { size: formatBytes(state.bytes, lang) })}</p> : null}
        {state.kind === "failed" ? <p className="form-error">{m.offline.saveFailed}</p> : null}
      </div>
    </section>
  );
}
