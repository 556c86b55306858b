"""The stack builder's choice in the browser (`stack_choice.js`, rules in
`stack_choice_core.js`): read from the page's address and changed there, with no
round trip to the server, so the builder works on a page opened offline too."""

import functools
import json

import reflex as rx
from reflex.vars import FunctionStringVar, FunctionVar, VarData

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.reflex_internals import js_expression

DEFAULTS = {
    "frontend": "react",
    "backend": "fastapi",
    "database": "postgresql",
    "version-control": "github",
    "deployment": "docker",
}

rx.asset("stack_choice_core.js", shared=True)  # imported by stack_choice.js
_LIBRARY = rx.asset("stack_choice.js", shared=True).importable_path


def options() -> dict[str, list[str]]:
    stacks = get_catalog().stacks
    return stacks.options if stacks else {}


def defaults() -> dict[str, str]:
    return {layer: DEFAULTS.get(layer, slugs[0]) for layer, slugs in options().items()}


@functools.cache
def _choice_data() -> VarData:
    """The hooks that read the choice from the address, and the notes on its pairs."""
    stacks = get_catalog().stacks
    layers, fallbacks = json.dumps(options()), json.dumps(defaults())
    pairings = json.dumps(
        [p.model_dump(include={"parts", "fit", "note", "glue"}) for p in stacks.pairings]
    )
    topics = get_catalog().topics
    titles = json.dumps(
        {slug: topics[slug].title for slugs in options().values() for slug in slugs}
    )
    read_choice = f"const stackChoice = useStackChoice({layers}, {fallbacks});"
    find_notes = f"const stackNotes = pairingsFor(stackChoice, {pairings}, {titles});"
    return VarData(
        imports={_LIBRARY: ["useStackChoice", "pairingsFor"]},
        hooks={read_choice: None, find_notes: None},  # in this order: notes use the choice
    )


def chosen(layer_slug: str) -> rx.Var[str]:
    return js_expression(f"stackChoice[{json.dumps(layer_slug)}]", str, _choice_data())


def notes() -> rx.Var[list[dict[str, str]]]:
    return js_expression("stackNotes", list[dict[str, str]], _choice_data())


def share_path() -> rx.Var[str]:
    data = VarData.merge(_choice_data(), VarData(imports={_LIBRARY: ["queryFor"]}))
    return js_expression(f"`{routes.STACK_BUILDER}?${{queryFor(stackChoice)}}`", str, data)


def pick(layer_slug: str) -> rx.Var:
    """on_change for a layer's select."""
    stack_pick = FunctionStringVar.create(
        "stackPick", _var_data=VarData(imports={_LIBRARY: ["stackPick"]})
    )
    return stack_pick.call(layer_slug, options(), defaults()).to(FunctionVar)
