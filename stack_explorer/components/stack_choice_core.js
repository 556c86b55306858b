// The stack builder's choice as plain functions (tests/js/stack_choice_core.test.mjs).
// The choice lives in the page's address (?frontend=react&backend=fastapi&...), so a
// link reproduces it, and it is read and changed in the browser, so the builder works
// on a page opened offline as on one loaded online.

/** One option per layer from a query string: unknown or missing values take the default. */
export function choiceFrom(search, options, defaults) {
  const query = new URLSearchParams(search);
  const choice = {};
  for (const [layer, slugs] of Object.entries(options)) {
    const wanted = query.get(layer);
    choice[layer] = slugs.includes(wanted) ? wanted : defaults[layer];
  }
  return choice;
}

export function queryFor(choice) {
  return new URLSearchParams(choice).toString();
}

const pairKey = (first, second) => [first, second].sort().join(" ");

/** The notes on how the chosen parts fit, for each chosen pair the content describes,
 * in the order of the layers: { pair: "FastAPI + MongoDB", fit, note, glue }. */
export function pairingsFor(choice, pairings, titles) {
  const byPair = new Map(pairings.map((pairing) => [pairKey(...pairing.parts), pairing]));
  const chosen = Object.values(choice);
  const notes = [];
  chosen.forEach((first, index) => {
    for (const second of chosen.slice(index + 1)) {
      const pairing = byPair.get(pairKey(first, second));
      if (pairing) {
        const { fit, note, glue } = pairing;
        notes.push({ pair: `${titles[first]} + ${titles[second]}`, fit, note, glue });
      }
    }
  });
  return notes;
}
