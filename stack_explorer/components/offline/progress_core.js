// Progress as the learner will see it once the server confirms: the statuses waiting
// in the write queue laid over the server's. A click moves the bars at once; when
// nothing waits, the server's own percentage is shown. Plain functions, tested in
// Node (tests/js/progress_core.test.mjs).

// Python's round(): halves go to the even neighbour. The server's percentages are
// rounded so (stack_explorer/learner/progress.py), and a bar must not jump by one
// when the server's value takes over.
export function roundHalfEven(value) {
  const nearest = Math.round(value);
  return Math.abs(value % 1) === 0.5 && nearest % 2 !== 0 ? nearest - 1 : nearest;
}

function percentOf(statuses, slugs, total, completed) {
  const done = (slug) => completed.includes(statuses[slug]);
  const count = slugs ? slugs.filter(done).length : Object.keys(statuses).filter(done).length;
  const whole = slugs ? slugs.length : total;
  return whole ? roundHalfEven((100 * count) / whole) : 0;
}

function waiting(pending) {
  return pending !== null && typeof pending === "object" && Object.keys(pending).length > 0;
}

// One bar: the topics `slugs` (null: every topic, `total` of them).
export function optimisticPercent(serverPercent, shown, pending, slugs, total, completed) {
  if (!waiting(pending)) return serverPercent;
  return percentOf({ ...shown, ...pending }, slugs, total, completed);
}

// Every layer's bar at once: `layers` maps a layer to its topics.
export function optimisticLayers(serverPercents, shown, pending, layers, completed) {
  if (!waiting(pending)) return serverPercents;
  const merged = { ...shown, ...pending };
  return Object.fromEntries(
    Object.entries(layers).map(([layer, slugs]) => [layer, percentOf(merged, slugs, 0, completed)]),
  );
}
