import type { ReactNode } from "react";

/**
 * A wide table on a narrow phone scrolls sideways. The scrolling box can take
 * the keyboard focus and is named, so it can be scrolled without a mouse.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrollable region must take the focus to be scrolled from the keyboard (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
