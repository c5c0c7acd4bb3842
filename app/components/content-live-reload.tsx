import { useRevalidator } from "react-router";
import { useEffect } from "react";

/**
 * Development only: when a trainer saves a module, the dev server says so over
 * Vite's HMR socket and the open page reloads its data in place.
 * In a production build import.meta.hot is undefined and this renders nothing.
 */
export function ContentLiveReload() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const hot = import.meta.hot;
    if (!hot) return;
    const onChange = () => revalidator.revalidate();
    hot.on("campus:content-changed", onChange);
    return () => hot.off?.("campus:content-changed", onChange);
  }, [revalidator]);
  return null;
}
