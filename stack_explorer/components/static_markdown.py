"""Markdown known at build time (topic bodies, path and comparison intros), turned into
components in Python.

The text is in the prerendered HTML, no Markdown renderer ships to the browser, code is
highlighted here with Pygments, and links to the app's own pages navigate client-side
(`rx.link` renders a router link) instead of reloading the page.
"""

import reflex as rx
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from pygments.lexers import get_lexer_by_name
from pygments.token import Token
from pygments.util import ClassNotFound

# Raw HTML is never rendered: content does not need it.
_PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])

# Pygments token types -> the short class names styled in assets/styles.css.
_TOKEN_CLASSES = (
    (Token.Comment, "tk-c"),
    (Token.Keyword, "tk-k"),
    (Token.Name.Builtin, "tk-b"),
    (Token.Name.Function, "tk-f"),
    (Token.Name.Class, "tk-f"),
    (Token.Name.Decorator, "tk-d"),
    (Token.Name.Tag, "tk-k"),
    (Token.Name.Attribute, "tk-b"),
    (Token.Literal.String, "tk-s"),
    (Token.Literal.Number, "tk-n"),
    (Token.Operator.Word, "tk-k"),
)


def _token_class(token_type) -> str:
    for parent, class_name in _TOKEN_CLASSES:
        if token_type in parent:
            return class_name
    return ""


def highlighted_code(code: str, language: str = "", **props) -> rx.Component:
    """A code block, highlighted at build time (plain text for an unknown language)."""
    code = code.rstrip("\n")
    try:
        lexer = get_lexer_by_name(language or "text", stripnl=False, ensurenl=False)
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    parts: list[rx.Component | str] = []
    run_class, run_text = "", ""
    for token_type, text in lexer.get_tokens(code):
        class_name = _token_class(token_type)
        if class_name != run_class and run_text:
            parts.append(rx.el.span(run_text, class_name=run_class) if run_class else run_text)
            run_text = ""
        run_class, run_text = class_name, run_text + text
    if run_text:
        parts.append(rx.el.span(run_text, class_name=run_class) if run_class else run_text)
    props["class_name"] = " ".join(("code-block", props.get("class_name", ""))).strip()
    return rx.el.pre(rx.el.code(*parts), **props)


def _inline(node: SyntaxTreeNode) -> list[rx.Component | str]:
    parts: list[rx.Component | str] = []
    for child in node.children:
        kind = child.type
        if kind == "text":
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append(rx.el.br())
        elif kind == "code_inline":
            parts.append(rx.el.code(child.content))
        elif kind == "em":
            parts.append(rx.el.em(*_inline(child)))
        elif kind == "strong":
            parts.append(rx.el.strong(*_inline(child)))
        elif kind == "s":
            parts.append(rx.el.s(*_inline(child)))
        elif kind == "link":
            parts.append(_link(str(child.attrs["href"]), _inline(child)))
        elif kind == "image":
            # Content has no images; keep the alternative text rather than fetch anything.
            parts.append(child.content)
        else:
            parts.extend(_inline(child))
    return parts


def _link(href: str, children: list) -> rx.Component:
    if href.startswith("/"):
        return rx.link(*children, href=href)
    return rx.link(*children, href=href, is_external=True)


def _block(node: SyntaxTreeNode) -> rx.Component:
    kind = node.type
    if kind == "paragraph":
        return rx.el.p(*_inline(node.children[0]))
    if kind == "heading":
        return getattr(rx.el, node.tag)(*_inline(node.children[0]))
    if kind in ("bullet_list", "ordered_list"):
        tag = rx.el.ul if kind == "bullet_list" else rx.el.ol
        return tag(*[_list_item(item) for item in node.children])
    if kind in ("fence", "code_block"):
        return highlighted_code(node.content, (node.info or "").split(" ")[0])
    if kind == "blockquote":
        return rx.el.blockquote(*[_block(child) for child in node.children])
    if kind == "hr":
        return rx.el.hr()
    if kind == "table":
        return rx.el.div(
            rx.el.table(*[_table_part(part) for part in node.children]), class_name="table-wrap"
        )
    if kind == "inline":
        return rx.el.span(*_inline(node))
    raise ValueError(f"Markdown element {kind!r} is not supported in content")


def _list_item(item: SyntaxTreeNode) -> rx.Component:
    # Tight lists hide their paragraphs: their text goes straight into the item.
    children = []
    for child in item.children:
        if child.type == "paragraph" and child.hidden:
            children.extend(_inline(child.children[0]))
        else:
            children.append(_block(child))
    return rx.el.li(*children)


def _table_part(part: SyntaxTreeNode) -> rx.Component:
    section = rx.el.thead if part.type == "thead" else rx.el.tbody
    return section(
        *[
            rx.el.tr(
                *[
                    (rx.el.th if cell.type == "th" else rx.el.td)(
                        *(_inline(cell.children[0]) if cell.children else [])
                    )
                    for cell in row.children
                ]
            )
            for row in part.children
        ]
    )


def static_markdown(text: str) -> rx.Component:
    """Markdown that is known when the app is built, as components."""
    tree = SyntaxTreeNode(_PARSER.parse(text))
    return rx.el.div(*[_block(node) for node in tree.children], class_name="prose")
