// ReadingTracker (on each topic page) keeps the topic and how far down it was read;
// useReadingPlace gives it to the home page, and a topic opened with ?continue goes
// back to that point. Kept in this browser only.
import { useEffect, useState } from "react";
import { READING_KEY, parsePlace, scrollShare } from "./reading_core.js";

const SAVE_DELAY_MS = 400;

function keep(slug, title) {
  const root = document.documentElement;
  const scroll = scrollShare(window.scrollY, root.scrollHeight, window.innerHeight);
  try {
    window.localStorage.setItem(READING_KEY, JSON.stringify({ slug, title, scroll, at: Date.now() }));
  } catch {
    // storage full or blocked: no place to continue from
  }
}

function read() {
  try {
    return parsePlace(window.localStorage.getItem(READING_KEY));
  } catch {
    return null;
  }
}

const SETTLE_MS = 3000; // parts of a page (the self-check, exercises) arrive after it

// Go back to `share` of the page, and stay there while the page grows under it, until
// the learner moves or the page has settled. Returns a function that stops.
function goBack(share) {
  const root = document.documentElement;
  const place = () => window.scrollTo(0, share * (root.scrollHeight - window.innerHeight));
  const growing = new ResizeObserver(place);
  const stop = () => {
    growing.disconnect();
    for (const name of ["wheel", "touchstart", "keydown"]) window.removeEventListener(name, stop);
  };
  growing.observe(root);
  for (const name of ["wheel", "touchstart", "keydown"]) window.addEventListener(name, stop);
  window.requestAnimationFrame(place);
  const timer = window.setTimeout(stop, SETTLE_MS);
  return () => {
    window.clearTimeout(timer);
    stop();
  };
}

export function ReadingTracker({ slug, title }) {
  useEffect(() => {
    const place = read();
    let stopGoingBack = () => {};
    if (new URLSearchParams(window.location.search).has("continue") && place?.slug === slug) {
      stopGoingBack = goBack(place.scroll);
    } else {
      keep(slug, title);
    }
    let timer = 0;
    const onScroll = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => keep(slug, title), SAVE_DELAY_MS);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      stopGoingBack();
      window.clearTimeout(timer);
      window.removeEventListener("scroll", onScroll);
    };
  }, [slug, title]);
  return null;
}

/** The place to continue from ({ slug, title, scroll, at }), or null (also while prerendering). */
export function useReadingPlace() {
  const [place, setPlace] = useState(null);
  useEffect(() => setPlace(read()), []);
  return place;
}
