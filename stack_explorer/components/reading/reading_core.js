// Where the learner was reading: the topic and how far down, kept in this browser so
// the home page can offer to continue there. Plain functions: Node tests them
// (tests/js/reading_core.test.mjs).

export const READING_KEY = "stack_explorer_reading";

/** The stored place as { slug, title, scroll, at }, or null when absent or unreadable. */
export function parsePlace(text) {
  try {
    const place = JSON.parse(text || "null");
    if (
      place &&
      typeof place.slug === "string" &&
      /^[a-z0-9-]{1,100}$/.test(place.slug) &&
      typeof place.title === "string" &&
      Number.isFinite(place.scroll) &&
      Number.isFinite(place.at)
    ) {
      return { slug: place.slug, title: place.title, scroll: Math.max(0, place.scroll), at: place.at };
    }
  } catch {
    // unreadable: no place
  }
  return null;
}

/** How far down a page is, as a share of what can be scrolled (0 at the top, 1 at
 * the end), so the place survives another screen size. */
export function scrollShare(scrollY, scrollHeight, viewportHeight) {
  const room = scrollHeight - viewportHeight;
  return room > 0 ? Math.min(1, Math.max(0, scrollY / room)) : 0;
}
