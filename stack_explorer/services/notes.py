"""Markdown notes, one per learner and topic."""

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from sqlmodel import Session, select

from stack_explorer.models import Note, Topic, utcnow
from stack_explorer.services.progress import InvalidRequest, active_topic
from stack_explorer.services.text import storable

MAX_NOTE_CHARS = 20_000
EXCERPT_CHARS = 280

# Notes are untrusted: raw HTML is escaped and markdown-it refuses javascript: and
# similar link targets, so the HTML it returns is safe to place in the page.
_PARSER = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
HEADING_SHIFT = 2  # a note sits under the page's h1 and its own h2


def _demote_headings(state) -> None:
    """A note's "# Title" is a heading inside the page, never a second <h1>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"


_PARSER.core.ruler.push("demote_headings", _demote_headings)


def to_html(body: str) -> str:
    return _PARSER.render(body)


def excerpt(body: str, limit: int = EXCERPT_CHARS) -> str:
    """The note's first whole blocks (paragraphs, lists, code) up to about `limit`
    characters, so a code block or list is never cut in half."""
    lines = body.splitlines()
    end = 0
    for block in SyntaxTreeNode(_PARSER.parse(body)).children:
        if end and len("\n".join(lines[:end])) >= limit:
            break
        end = block.map[1] if block.map else end
    return "\n".join(lines[:end]) if end else body[:limit]


def checked_body(body: object) -> str:
    """The note's text, or InvalidRequest saying why it cannot be saved."""
    if not isinstance(body, str):
        raise InvalidRequest("A note must be text.")
    if len(body) > MAX_NOTE_CHARS:
        raise InvalidRequest(
            f"Notes can hold up to {MAX_NOTE_CHARS:,} characters; this one has {len(body):,}. "
            "Nothing was saved: shorten it and it will save again."
        )
    return storable(body, "This note")


def note_for(*, session: Session, learner_id: int, slug: str) -> str:
    topic = active_topic(session, slug)
    row = session.exec(
        select(Note.body).where(Note.learner_id == learner_id, Note.topic_id == topic.id)
    ).first()
    return row or ""


def save_note(
    *, session: Session, learner_id: int, slug: str, body: object, device: str = ""
) -> str:
    """Save (or clear) a note; refuse anything that is not text within the size limit."""
    body = checked_body(body)
    topic = active_topic(session, slug)
    row = session.exec(
        select(Note).where(Note.learner_id == learner_id, Note.topic_id == topic.id)
    ).first() or Note(learner_id=learner_id, topic_id=topic.id)
    row.body, row.updated_at, row.device = body, utcnow(), device
    session.add(row)
    session.commit()
    return body


def list_notes(*, session: Session, learner_id: int) -> list[dict[str, str]]:
    """The learner's non-empty notes on active topics, newest first."""
    rows = session.exec(
        select(Topic.slug, Topic.title, Note.body, Note.updated_at)
        .join(Note, Note.topic_id == Topic.id)
        .where(Note.learner_id == learner_id, Topic.active, Note.body != "")
        .order_by(Note.updated_at.desc())
    ).all()
    return [
        {
            "slug": slug,
            "title": title,
            "excerpt": to_html(excerpt(body)),
            # The whole note, for "Show all", when the excerpt may not hold it all.
            "whole": to_html(body) if len(body) > EXCERPT_CHARS else "",
            "updated": at.strftime("%Y-%m-%d %H:%M"),
        }
        for slug, title, body, at in rows
    ]
