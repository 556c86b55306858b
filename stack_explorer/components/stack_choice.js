// The stack builder's choice in the page (rules in stack_choice_core.js): read from the
// address, changed in place with history.replaceState, with no round trip to the
// server, so picking works offline too.
import { useSyncExternalStore } from "react";
import { choiceFrom, pairingsFor, queryFor } from "./stack_choice_core.js";

const listeners = new Set();

function subscribe(listener) {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

/** The choice in the address; the defaults while prerendering. */
export function useStackChoice(options, defaults) {
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => "",
  );
  return choiceFrom(search, options, defaults);
}

/** on_change for a layer's select: the address takes the new choice. */
export function stackPick(layer, options, defaults) {
  return (slug) => {
    const choice = choiceFrom(window.location.search, options, defaults);
    if (options[layer]?.includes(slug)) choice[layer] = slug;
    const address = `${window.location.pathname}?${queryFor(choice)}`;
    window.history.replaceState(window.history.state, "", address);
    listeners.forEach((listener) => listener());
  };
}

export { pairingsFor, queryFor };
