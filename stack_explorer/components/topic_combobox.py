"""The search palette's combobox: ranks the topic index in the browser as the learner types.

Why a small React component rather than Reflex state: every keystroke, arrow key and
Enter must act on the query that is on screen at that moment. A websocket round trip
per keystroke left results ~430 ms behind typing, so Enter opened a stale result. Here
the input, the highlight and the results all live in one React component, so they
change together, in the same render. Why not ClientStateVars and Var operations: the
ranking (regular expressions, scoring, sorting) and the key handling would still be
JavaScript, only spread over Python strings in several places. This module is the only
place with JavaScript for search, and it holds all of it.

The index (services/search.py) is written to a JavaScript module when the app compiles
(`TopicIndexPlugin`, listed in rxconfig.py) and loaded with a dynamic `import()` when
the palette first opens: Vite gives it its own hashed file, so the browser fetches it
once and caches it, no page carries it in its initial JavaScript, and nothing of it
goes over the websocket.
"""

import json

import reflex as rx
from reflex_base.event import no_args_event_spec
from reflex_base.utils.imports import ImportVar

# Relative to Reflex's web directory; imported as "$/<path>" by the component.
INDEX_MODULE = "utils/topic_search_index.js"

# The ranking, kept free of React so the unit tests can run it in Node.
# Words of the query (at most 8, from its first 100 characters); a topic matches when
# every word starts a word in one of its fields. Each word scores the weight of the best
# field it matches (a name beats an alias beats a key concept beats the summary), plus 4
# when the title starts with it. Best score first, then by slug; at most 8 results.
RANKING_JS = r"""
const TOPIC_FIELDS = [["title", 8], ["aliases", 5], ["concepts", 3], ["summary", 1]];
const TOPIC_RESULTS = 8;

function prepareTopics(entries) {
  return entries.map((topic) => ({
    ...topic,
    find: Object.fromEntries(TOPIC_FIELDS.map(([name]) => [name, topic[name].toLowerCase()])),
  }));
}

function rankTopics(topics, query) {
  if (typeof query !== "string") return [];
  const words = (query.slice(0, 100).toLowerCase().match(/[\p{L}\p{N}_+#.-]+/gu) ?? [])
    .slice(0, 8);
  if (!words.length) return [];
  // "orm" finds "ORM", not "platform": a word must start a word of the field.
  const patterns = words.map((word) => [
    word,
    new RegExp("(?<![a-z0-9])" + word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
  ]);
  const scored = [];
  for (const topic of topics) {
    let score = 0;
    const everyWord = patterns.every(([word, pattern]) => {
      const field = TOPIC_FIELDS.find(([name]) => pattern.test(topic.find[name]));
      if (!field) return false;
      score += field[1] + (topic.find.title.startsWith(word) ? 4 : 0);
      return true;
    });
    if (everyWord) scored.push([score, topic]);
  }
  if (!scored.length) return nearMatches(topics, words);
  scored.sort(([a, x], [b, y]) => b - a || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  return scored.slice(0, TOPIC_RESULTS).map(([, topic]) => topic);
}

// At most one edit apart: a letter added, dropped or changed, or two neighbours swapped.
function oneEditApart(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || a.slice(i + 1) === b.slice(i + 1);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.slice(i) === long.slice(i + 1);
}

// A typo ("djnago"): when nothing matches as typed, every word of four or more letters
// may be one edit away from a word of a topic's name or aliases.
function nearMatches(topics, words) {
  if (words.some((word) => word.length < 4)) return [];
  const near = (text, word) => text.split(/[^\p{L}\p{N}]+/u).some((w) => oneEditApart(word, w));
  const scored = [];
  for (const topic of topics) {
    let score = 0;
    const everyWord = words.every((word) => {
      const weight = near(topic.find.title, word) ? 8 : near(topic.find.aliases, word) ? 5 : 0;
      score += weight;
      return weight > 0;
    });
    if (everyWord) scored.push([score, topic]);
  }
  scored.sort(([a, x], [b, y]) => b - a || (x.slug < y.slug ? -1 : x.slug > y.slug ? 1 : 0));
  return scored.slice(0, TOPIC_RESULTS).map(([, topic]) => topic);
}
"""

COMBOBOX_JS = (
    r"""
let topicIndex = null;
const loadTopicIndex = () =>
  (topicIndex ??= import("$/"""
    + INDEX_MODULE
    + r"""").then((module) => prepareTopics(module.default)));

const searchOptionId = (topic) => `search-option-${topic.slug}`;

// ARIA combobox with a listbox popup: focus stays in the input, and
// aria-activedescendant names the option that Enter opens.
function TopicCombobox({ label, placeholder, emptyText, onClose }) {
  const navigate = useNavigate();
  const [topics, setTopics] = useState(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const enterWhileLoading = useRef(false);
  useEffect(() => {
    let mounted = true;
    loadTopicIndex().then((loaded) => mounted && setTopics(loaded));
    return () => { mounted = false; };
  }, []);
  const results = useMemo(() => (topics ? rankTopics(topics, query) : []), [topics, query]);
  const highlighted = results[Math.min(active, results.length - 1)];

  const open = (topic) => {
    navigate(topic.href);
    onClose?.();
  };
  useEffect(() => {
    // Enter pressed before the index arrived opens the first result once it is here.
    if (topics && enterWhileLoading.current) {
      enterWhileLoading.current = false;
      if (results[0]) open(results[0]);
    }
  }, [topics]);
  useEffect(() => {
    const row = highlighted && document.getElementById(searchOptionId(highlighted));
    row?.scrollIntoView({ block: "nearest" });
  }, [highlighted]);

  const onKeyDown = (event) => {
    const count = results.length;
    const step = { ArrowDown: 1, ArrowUp: count - 1 }[event.key];
    if (step !== undefined) {
      event.preventDefault();  // the caret stays put; the highlight moves, wrapping around
      if (count) setActive((results.indexOf(highlighted) + step) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!topics) enterWhileLoading.current = true;
      else if (highlighted) open(highlighted);
    }
  };
  const h = createElement;
  return h("div", { className: "topic-search" },
    h("input", {
      type: "text", role: "combobox", className: "topic-search-input",
      "aria-label": label, "aria-autocomplete": "list", "aria-controls": "search-results",
      "aria-expanded": results.length > 0,
      "aria-activedescendant": highlighted ? searchOptionId(highlighted) : undefined,
      value: query, placeholder, autoFocus: true, autoComplete: "off", spellCheck: false,
      onChange: (event) => { setQuery(event.target.value); setActive(0); },
      onKeyDown,
    }),
    h("ul", {
      id: "search-results", role: "listbox", "aria-label": "Results", className: "search-results",
      hidden: !results.length,
    },
      results.map((topic) => h("li", {
        key: topic.slug, id: searchOptionId(topic), role: "option", className: "search-result",
        "aria-selected": topic === highlighted,
        onMouseDown: (event) => event.preventDefault(),
        onMouseMove: () => topic !== highlighted && setActive(results.indexOf(topic)),
        onClick: () => open(topic),
      },
        h("span", { className: "search-result-head" },
          h("span", { className: "search-result-title" }, topic.title),
          h("span", { className: "search-result-layer" }, topic.layer)),
        h("span", { className: "search-result-summary" }, topic.summary)))),
    h("p", { className: "search-empty", role: "status" },
      topics && query.trim() && !results.length ? emptyText : ""));
}
"""
)


class TopicCombobox(rx.Component):
    """The input and results of the search palette (the React component above)."""

    tag = "TopicCombobox"

    label: rx.Var[str]
    placeholder: rx.Var[str]
    empty_text: rx.Var[str]

    # After a topic is opened (the component navigates there itself).
    on_close: rx.EventHandler[no_args_event_spec]

    def add_imports(self):
        return {
            "react": ["createElement", "useEffect", "useMemo", "useRef", "useState"],
            # Already a dependency of every Reflex app: nothing to install.
            "react-router": [ImportVar(tag="useNavigate", install=False)],
        }

    def add_custom_code(self) -> list[str]:
        return [RANKING_JS, COMBOBOX_JS]


topic_combobox = TopicCombobox.create


def index_module_source() -> tuple[str, str]:
    """The index as a JavaScript module, written into the web directory at compile time."""
    from stack_explorer.services.search import index_entries  # loads the catalog

    return INDEX_MODULE, f"export default {json.dumps(index_entries(), ensure_ascii=False)};\n"


class TopicIndexPlugin(rx.plugins.Plugin):
    """Writes the search index module each time the app compiles."""

    def pre_compile(self, **context) -> None:
        context["add_save_task"](index_module_source)
