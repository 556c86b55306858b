// A self-check's choices for a page opened offline: the texts come from the precached
// offline/quiz-choices.json (no answers in it), in an order of this browser's own, so
// the position of the right answer (often first in the source files) gives nothing away.
import { useEffect, useState } from "react";
import { usePendingWrites } from "./pending_writes.js";

const SOURCE = "/offline/quiz-choices.json";
const DEVICE_KEY = "stack_explorer_device";
let loaded = null; // one fetch per page load, shared by every question

function seedOf(text) {
  // FNV-1a: a stable 32-bit number per text.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// Fisher-Yates driven by a small seeded generator (mulberry32): the same browser sees
// the same order on every visit.
export function shuffledOrder(count, seedText) {
  let state = seedOf(seedText);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export function offlineQuiz(all, slug, device) {
  const questions = (all && all[slug]) || [];
  const order = questions.map((texts, q) => shuffledOrder(texts.length, `${device}:${slug}:${q}`));
  const choices = order.map((positions, q) => positions.map((i) => questions[q][i]));
  return { order, choices };
}

// `forTopic(slug)` gives { order, choices } shaped as the server sends them (QuizState);
// the file is fetched only once the page is offline.
export function useOfflineQuiz() {
  const offline = usePendingWrites().phase === "offline";
  const [all, setAll] = useState(null);
  useEffect(() => {
    if (!offline || all) return;
    loaded = loaded || fetch(SOURCE).then((response) => (response.ok ? response.json() : {}));
    loaded.then(setAll, () => {
      loaded = null; // neither cached nor reachable: asked again on the next change
    });
  }, [offline, all]);
  let device = "";
  try {
    device = window.localStorage.getItem(DEVICE_KEY) || "";
  } catch {
    // storage blocked: one order for everyone in this browser
  }
  return { forTopic: (slug) => offlineQuiz(all, slug, device) };
}
