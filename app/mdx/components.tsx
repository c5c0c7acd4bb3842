/**
 * The components trainers may use in MDX. They are rendered to static HTML
 * when a module is compiled, so they must not rely on client JavaScript:
 * whatever is interactive uses plain HTML (details/summary, links, forms).
 */
import { createContext, useContext, type ComponentProps, type ReactNode } from "react";
import { assetUrl, formatBytes, isExternal, useCompileContext, useMdxText } from "./context";
import { format } from "~/i18n/format";

type CalloutKind = "note" | "tip" | "warning" | "key";
const calloutKinds: CalloutKind[] = ["note", "tip", "warning", "key"];

export function Callout({ kind = "note", title, children }: { kind?: CalloutKind; title?: string; children?: ReactNode }) {
  const t = useMdxText();
  const k: CalloutKind = calloutKinds.includes(kind) ? kind : "note";
  const label = { note: t.note, tip: t.tip, warning: t.warning, key: t.keyPoint }[k];
  return (
    <aside className={`callout callout-${k}`} role="note">
      <p className="callout-title">{title ?? label}</p>
      {children}
    </aside>
  );
}

export function KeyPoints({ title: given, children }: { title?: string; children?: ReactNode }) {
  const text = useMdxText();
  const title = given ?? text.keyPoints;
  return (
    <section className="key-points" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Activity({
  title: given,
  minutes,
  kind = "reflection",
  children,
}: {
  title?: string;
  minutes?: number;
  kind?: "reflection" | "group";
  children?: ReactNode;
}) {
  const t = useMdxText();
  const language = useCompileContext()?.language;
  const title = given ?? t.activity;
  return (
    <section className="activity" aria-label={title}>
      <p className="activity-title">
        <strong>{title}</strong>
        {" · "}
        {kind === "group" ? t.groupExercise : t.reflection}
        {minutes ? ` · ${format(language ?? "en", t.aboutMinutes, { n: minutes })}` : null}
      </p>
      {children}
    </section>
  );
}

export function CaseStudy({ title, country, children }: { title: string; country?: string; children?: ReactNode }) {
  const t = useMdxText();
  const language = useCompileContext()?.language;
  return (
    <article className="case-study" aria-label={format(language ?? "en", t.caseStudyTitled, { title })}>
      <p className="case-study-label">
        {t.caseStudy}
        {country ? ` · ${country}` : ""}
      </p>
      <h3>{title}</h3>
      {children}
    </article>
  );
}

/** Collects the glossary terms a module uses while it is rendered. */
export type TermCollector = { terms: { term: string; definition: string; anchor: string }[]; uses?: number };
export const TermsContext = createContext<TermCollector | null>(null);

export function termAnchor(term: string) {
  return (
    "term-" +
    term
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
  );
}

/**
 * A glossary term. Its definition opens in place without script: the term
 * links to the definition just after it, which shows while it is the page's
 * target (CSS :target), with a link back that closes it; the module's
 * glossary, which the compiler appends to the page, lists every term too.
 */
export function Term({ term, definition, children }: { term?: string; definition: string; children?: ReactNode }) {
  const collector = useContext(TermsContext);
  const t = useMdxText();
  const name = term ?? (typeof children === "string" ? children : "");
  const anchor = termAnchor(name || definition.slice(0, 20));
  if (collector && !collector.terms.some((x) => x.anchor === anchor)) collector.terms.push({ term: name, definition, anchor });
  // Each use of a term has its own pair of addresses (a term may appear twice in a module).
  const n = collector ? (collector.uses = (collector.uses ?? 0) + 1) : 0;
  const use = `${anchor}-${n}`;
  return (
    <>
      <a className="term" id={`use-${use}`} href={`#def-${use}`} title={definition}>
        {children ?? term}
      </a>
      <span className="term-definition" id={`def-${use}`} role="note">
        <strong>{name}</strong>: {definition}{" "}
        <a className="term-back" href={`#use-${use}`}>
          {t.closeDefinition}
        </a>
      </span>
    </>
  );
}

/** Where the remark plugin lifted a quiz out; the route renders the quiz form here. */
export function QuizSlot({ id }: { id?: string }) {
  return <div data-quiz-slot={id ?? ""} />;
}

function useAsset(src: string, kind: "image" | "video" | "download", alt?: string) {
  const ctx = useCompileContext();
  if (!src || isExternal(src)) return { url: src, size: undefined, dataSaver: ctx?.dataSaver ?? false };
  ctx?.uses.push({ path: src, kind, alt });
  return {
    url: ctx ? assetUrl(ctx.courseSlug, src) : src,
    size: ctx?.sizeOf(src),
    dataSaver: ctx?.dataSaver ?? false,
  };
}

const extension = (src: string) => (/\.([a-z0-9]+)$/i.exec(src)?.[1] ?? "file").toUpperCase();

/**
 * An image with a caption. `alt` is required (content check says so). Lazy,
 * sized to avoid layout shift; in data-saver mode a link that says its size.
 */
export function Figure({ src, alt, caption, width, height }: { src: string; alt: string; caption?: string; width?: number; height?: number }) {
  const asset = useAsset(src, "image", alt ?? "");
  const language = useCompileContext()?.language;
  const t = useMdxText();
  if (asset.dataSaver) {
    return (
      <p className="figure-link">
        <a href={asset.url}>
          {format(language ?? "en", t.imageLink, { alt: alt ?? "" })}
          {asset.size !== undefined ? ` (${formatBytes(asset.size, language)})` : ""}
        </a>
        {caption ? ` · ${caption}` : null}
      </p>
    );
  }
  return (
    <figure className="figure">
      <img src={asset.url} alt={alt} loading="lazy" decoding="async" width={width} height={height} sizes="(max-width: 42rem) 100vw, 42rem" />
      {caption ? <figcaption>{caption}</figcaption> : null}
    </figure>
  );
}

/** A video: never autoplays, loads nothing until asked; a transcript always; a plain link in data-saver mode. */
export function Video({
  src,
  poster,
  caption,
  transcript,
  children,
}: {
  src: string;
  poster?: string;
  caption: string;
  transcript?: string;
  children?: ReactNode;
}) {
  const asset = useAsset(src, "video");
  const language = useCompileContext()?.language;
  const posterAsset = useAsset(poster ?? "", "image");
  const t = useMdxText();
  const text =
    transcript || children ? (
      <details className="transcript">
        <summary>{t.transcript}</summary>
        {transcript ? <p>{transcript}</p> : children}
      </details>
    ) : null;
  if (asset.dataSaver) {
    return (
      <div className="video-link">
        <p>
          <a href={asset.url}>
            {format(language ?? "en", t.videoLink, { caption: caption ?? "" })}
            {asset.size !== undefined ? ` (${formatBytes(asset.size, language)})` : ""}
          </a>
        </p>
        {text}
      </div>
    );
  }
  return (
    <figure className="video">
      {/* Captions come as the transcript below the video (the component's children), which data-saver pages show alone. */}
      {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
      <video controls preload="none" poster={poster ? posterAsset.url : undefined} src={asset.url}>
        <a href={asset.url}>{t.downloadVideo}</a>
      </video>
      <figcaption>{caption}</figcaption>
      {text}
    </figure>
  );
}

/** A file from the course folder, with its type and size shown before anyone spends data on it. */
export function Download({ file, title, children }: { file: string; title?: string; children?: ReactNode }) {
  const asset = useAsset(file, "download");
  const language = useCompileContext()?.language;
  return (
    <p className="download">
      <a href={asset.url} download>
        {title ?? children ?? file}
      </a>{" "}
      <span className="muted">
        ({extension(file)}
        {asset.size !== undefined ? `, ${formatBytes(asset.size, language)}` : ""})
      </span>
    </p>
  );
}

/**
 * A Markdown table. On a phone a wide one scrolls sideways inside its box, and
 * the box takes the keyboard focus and has a name, so it can be scrolled
 * without a mouse and a screen reader announces it (WCAG 2.1.1).
 */
export function Table(props: ComponentProps<"table">) {
  return (
    // A scrollable region must take the focus to be scrolled from the keyboard (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="content-table" role="region" aria-label={useMdxText().table} tabIndex={0}>
      <table {...props} />
    </div>
  );
}

export const mdxComponents = { Callout, KeyPoints, Activity, CaseStudy, Term, QuizSlot, Figure, Video, Download, table: Table };
