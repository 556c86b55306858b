// Sends this browser's stored tokens to the server whenever the tab's server state
// does not know them: when the page starts, and after the server forgot the tab (an
// idle expiry, a Redis or backend restart). The server never starts a new learner for
// a browser that holds a token; only this component can say whether it holds one.
//
// It sends at once, not after hydration: Reflex runs a tab's events in order, so the
// tokens reach the server before any click made on the page.
import { createElement, useEffect } from "react";

const TOKEN_KEY = "stack_explorer_token";
const SESSION_KEY = "stack_explorer_session";
const RETRY_MS = 5000; // unanswered (the database was out of reach): send again

function stored(key) {
  try {
    return window.localStorage.getItem(key) || "";
  } catch {
    return "";
  }
}

export function IdentityKeeper({ identified, connected, onIdentify }) {
  useEffect(() => {
    if (identified || !connected) return undefined;
    const send = () => onIdentify(stored(TOKEN_KEY), stored(SESSION_KEY));
    send();
    const timer = window.setInterval(send, RETRY_MS);
    return () => window.clearInterval(timer);
  }, [identified, connected]);
  return createElement("span", { hidden: true, "data-identified": String(Boolean(identified)) });
}
