"""Reads and validates the content directory. Every problem is reported with
the file and the field it is in, and all of them at once."""

import functools
import os
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from stack_explorer import routes
from stack_explorer.catalog.schema import (
    Catalog,
    ComparisonMeta,
    LayerMeta,
    PathMeta,
    StackMeta,
    TopicDoc,
    TopicMeta,
)
from stack_explorer.wording import counted

# STACK_EXPLORER_CONTENT_DIR points the app at another catalog (benchmarks use generated ones).
CONTENT_DIR = Path(
    os.environ.get("STACK_EXPLORER_CONTENT_DIR")
    or Path(__file__).resolve().parent.parent / "content"
)
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]*)[^)]*\)")
CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
SITE_PAGES = {routes.HOME, routes.WHY_PYTHON}


class ContentError(Exception):
    """One or more content files are invalid; `problems` holds (file, field, message)."""

    def __init__(self, problems: list[tuple[str, str, str]]):
        self.problems = problems
        lines = [f"{file}: {field}: {message}" for file, field, message in problems]
        super().__init__(f"{counted(len(problems), 'content problem')}:\n" + "\n".join(lines))


def split_front_matter(text: str) -> tuple[str, str]:
    """Return (front matter YAML, body) of a file that starts with a '---' block."""
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n?(.*)\Z", text, re.DOTALL)
    if not match:
        raise ValueError("the file must start with front matter between '---' lines")
    return match.group(1), match.group(2)


def _field_name(error: dict) -> str:
    return ".".join(str(part) for part in error["loc"]) or "(front matter)"


MIN_WORDS = 150
# Every topic page has these sections, in this order (more may follow).
SECTIONS = (
    "What it is",
    "Why it matters in a Python stack",
    "How it connects",
    "Pitfalls and production",
)


def _read_topic(path: Path, problems: list) -> TopicDoc | None:
    try:
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(front)
    except (ValueError, yaml.YAMLError) as error:
        problems.append((str(path), "(front matter)", str(error).replace("\n", " ")))
        return None
    if not isinstance(data, dict):
        problems.append((str(path), "(front matter)", "must be a mapping of fields"))
        return None
    try:
        meta = TopicMeta.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            problems.append((str(path), _field_name(item), item["msg"]))
        return None
    if meta.slug != path.stem:
        problems.append((str(path), "slug", f"{meta.slug!r} must match the file name"))
    prose = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
    if len(prose.split()) < MIN_WORDS:
        problems.append((str(path), "body", f"the explanation needs at least {MIN_WORDS} words"))
    sections = re.findall(r"^## (.+?)\s*$", body, flags=re.MULTILINE)
    if sections[: len(SECTIONS)] != list(SECTIONS):
        problems.append(
            (str(path), "body", f"sections must start with {', '.join(SECTIONS)}; found {sections}")
        )
    return TopicDoc(meta=meta, body=body.strip(), path=str(path))


def _read_layers(path: Path, problems: list) -> list[LayerMeta]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problems.append((str(path), "(file)", str(error).replace("\n", " ")))
        return []
    layers = []
    for index, item in enumerate(data.get("layers", []) if isinstance(data, dict) else []):
        try:
            layers.append(LayerMeta.model_validate(item))
        except ValidationError as error:
            for detail in error.errors():
                problems.append((str(path), f"layers.{index}.{_field_name(detail)}", detail["msg"]))
    if not layers:
        problems.append((str(path), "layers", "at least one layer is required"))
    return sorted(layers, key=lambda layer: layer.order)


def _find_cycle(prerequisites: dict[str, list[str]]) -> list[str] | None:
    """Depth-first search for a prerequisite cycle; returns it as a path of slugs."""
    visiting, finished = [], set()

    def visit(slug: str) -> list[str] | None:
        if slug in visiting:
            return [*visiting[visiting.index(slug) :], slug]
        if slug in finished:
            return None
        visiting.append(slug)
        for required in prerequisites.get(slug, []):
            if cycle := visit(required):
                return cycle
        visiting.pop()
        finished.add(slug)
        return None

    for slug in prerequisites:
        if cycle := visit(slug):
            return cycle
    return None


def _check_links(path: str, body: str, slugs: set[str], problems: list) -> None:
    for url in MARKDOWN_LINK.findall(CODE.sub("", body)):
        if url.startswith(("http://", "https://", "mailto:", "#")):
            continue
        if url.startswith(routes.TOPIC_PREFIX):
            if url.removeprefix(routes.TOPIC_PREFIX).split("#")[0] not in slugs:
                problems.append((path, "body", f"link {url!r} points to an unknown topic"))
        elif url.split("#")[0] not in SITE_PAGES:
            problems.append((path, "body", f"malformed link {url!r}"))


def _check_references(topics: list[TopicDoc], layer_slugs: set[str], problems: list) -> None:
    slugs = {doc.slug for doc in topics}
    seen: dict[str, str] = {}
    for doc in topics:
        if doc.slug in seen:
            problems.append(
                (doc.path, "slug", f"duplicate slug {doc.slug!r} (also {seen[doc.slug]})")
            )
        seen[doc.slug] = doc.path
        if doc.layer not in layer_slugs:
            problems.append((doc.path, "layer", f"unknown layer {doc.layer!r}"))
        for name in ("prerequisites", "related"):
            for slug in getattr(doc.meta, name):
                if slug not in slugs or slug == doc.slug:
                    problems.append((doc.path, name, f"unknown topic {slug!r}"))
        for old in doc.meta.renamed_from:
            if old in slugs:
                problems.append((doc.path, "renamed_from", f"{old!r} is still a topic"))
        _check_links(doc.path, doc.body, slugs, problems)
    cycle = _find_cycle({doc.slug: list(doc.meta.prerequisites) for doc in topics})
    if cycle:
        problems.append(
            (seen[cycle[0]], "prerequisites", "prerequisite cycle: " + " -> ".join(cycle))
        )


def _read_yaml_model(path: Path, model, problems: list):
    """One YAML file validated against a pydantic model, or None with its problems recorded."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return model.model_validate(data)
    except yaml.YAMLError as error:
        problems.append((str(path), "(file)", str(error).replace("\n", " ")))
    except ValidationError as error:
        for item in error.errors():
            problems.append((str(path), _field_name(item), item["msg"]))
    return None


def _check_path(path: str, doc: PathMeta, topics: dict[str, TopicDoc], problems: list) -> None:
    if doc.slug != Path(path).stem:
        problems.append((path, "slug", f"{doc.slug!r} must match the file name"))
    position = {slug: index for index, slug in enumerate(doc.topics)}
    for slug in doc.topics:
        if slug not in topics:
            problems.append((path, "topics", f"unknown topic {slug!r}"))
            continue
        for required in topics[slug].meta.prerequisites:
            if required not in position:
                problems.append(
                    (path, "topics", f"{slug!r} needs {required!r} first, but the path lacks it")
                )
            elif position[required] > position[slug]:
                problems.append((path, "topics", f"{required!r} must come before {slug!r}"))
    _check_links(path, doc.intro, set(topics), problems)


def _check_comparison(
    path: str, doc: ComparisonMeta, topics: dict, layers: set, problems: list
) -> None:
    if doc.slug != Path(path).stem:
        problems.append((path, "slug", f"{doc.slug!r} must match the file name"))
    if doc.layer not in layers:
        problems.append((path, "layer", f"unknown layer {doc.layer!r}"))
    for slug in doc.topics:
        if slug not in topics:
            problems.append((path, "topics", f"unknown topic {slug!r}"))
    expected = set(doc.topics)
    for index, criterion in enumerate(doc.criteria):
        if set(criterion.values) != expected:
            problems.append((path, f"criteria.{index}.values", "needs exactly one value per topic"))
    if set(doc.choose) != expected:
        problems.append((path, "choose", "needs exactly one entry per topic"))
    _check_links(path, doc.intro, set(topics), problems)


def _check_stacks(path: str, doc: StackMeta, topics: dict, layers: set, problems: list) -> None:
    layer_of = {}
    for layer, options in doc.options.items():
        if layer not in layers:
            problems.append((path, f"options.{layer}", f"unknown layer {layer!r}"))
        for slug in options:
            if slug not in topics:
                problems.append((path, f"options.{layer}", f"unknown topic {slug!r}"))
            layer_of[slug] = layer
    for index, pairing in enumerate(doc.pairings):
        first, second = pairing.parts
        if first not in layer_of or second not in layer_of:
            problems.append((path, f"pairings.{index}.parts", "both parts must be builder options"))
        elif layer_of[first] == layer_of[second]:
            problems.append(
                (path, f"pairings.{index}.parts", "the parts must be from different layers")
            )


def load_catalog(content_dir: Path = CONTENT_DIR) -> Catalog:
    """Load and validate every content file; raise ContentError listing all problems."""
    problems: list[tuple[str, str, str]] = []
    layers = _read_layers(content_dir / "layers.yaml", problems)
    topics = [
        doc
        for path in sorted((content_dir / "topics").glob("*.md"))
        if (doc := _read_topic(path, problems)) is not None
    ]
    _check_references(topics, {layer.slug for layer in layers}, problems)
    pages = {
        path.stem: path.read_text(encoding="utf-8") for path in (content_dir / "pages").glob("*.md")
    }
    for name, body in pages.items():
        _check_links(
            str(content_dir / "pages" / f"{name}.md"), body, {d.slug for d in topics}, problems
        )
    by_slug = {doc.slug: doc for doc in topics}
    layer_slugs = {layer.slug for layer in layers}
    paths, comparisons = {}, {}
    for file in sorted((content_dir / "paths").glob("*.yaml")):
        if doc := _read_yaml_model(file, PathMeta, problems):
            _check_path(str(file), doc, by_slug, problems)
            paths[doc.slug] = doc
    for file in sorted((content_dir / "comparisons").glob("*.yaml")):
        if doc := _read_yaml_model(file, ComparisonMeta, problems):
            _check_comparison(str(file), doc, by_slug, layer_slugs, problems)
            comparisons[doc.slug] = doc
    stacks = None
    if (stacks_file := content_dir / "stacks.yaml").exists():
        stacks = _read_yaml_model(stacks_file, StackMeta, problems)
        if stacks:
            _check_stacks(str(stacks_file), stacks, by_slug, layer_slugs, problems)
    if problems:
        raise ContentError(problems)
    return Catalog(
        layers=tuple(layers),
        topics=by_slug,
        pages=pages,
        paths=dict(sorted(paths.items(), key=lambda item: (item[1].order, item[0]))),
        comparisons=comparisons,
        stacks=stacks,
    )


@functools.cache
def get_catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()
