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

export function ReadingTracker({ slug, title }) {
  useEffect(() => {
    const place = read();
    if (new URLSearchParams(window.location.search).has("continue") && place?.slug === slug) {
      const root = document.documentElement;
      window.requestAnimationFrame(() =>
        window.scrollTo(0, place.scroll * (root.scrollHeight - window.innerHeight)),
      );
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
