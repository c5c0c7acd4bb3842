// Vite keeps only these three parts of the English catalog in the browser's bundle (named JSON imports are tree-shaken).
import { layout, errors, serverErrors } from "./catalogs/en.json" with { type: "json" };
import type { Messages } from "./catalog-types";

/**
 * The few English texts a page needs when the root loader itself failed (layout and error page). They are plain
 * text, without placeholders (the type says so), so that the browser needs no message parser for them.
 */
export const enFallback: Pick<Messages, "layout" | "errors" | "serverErrors"> = { layout, errors, serverErrors };
