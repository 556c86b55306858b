// After a client-side navigation, focus moves to the new page's <h1>, so keyboard and
// screen-reader users start reading the page they opened (a full page load starts at
// the top by itself). Rendered by every page: the last path is kept in this module,
// which outlives the page that mounted it.
import { useEffect } from "react";
import { useLocation } from "react-router";

let lastPath = null; // null: this is the visit's first page

function focusHeading() {
  const heading = document.querySelector("main h1");
  if (!heading) return false;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
  return true;
}

export function FocusHeading() {
  const { pathname } = useLocation();
  useEffect(() => {
    const navigated = lastPath !== null && lastPath !== pathname;
    lastPath = pathname;
    // The heading may arrive a frame later than the route.
    if (navigated && !focusHeading()) window.requestAnimationFrame(focusHeading);
  }, [pathname]);
  return null;
}
