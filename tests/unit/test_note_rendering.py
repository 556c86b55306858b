"""How a note's Markdown becomes HTML (`stack_explorer/services/notes.py`)."""

from stack_explorer.services.notes import to_html


def test_a_notes_headings_sit_below_the_pages_own():
    html = to_html("# Blueprints\n\n## Factories\n\n###### Deepest")
    assert "<h1>" not in html and "<h2>" not in html  # never a second page title
    assert "<h3>Blueprints</h3>" in html
    assert "<h4>Factories</h4>" in html
    assert "<h6>Deepest</h6>" in html


def test_raw_html_and_script_links_are_not_rendered():
    html = to_html("<script>alert(1)</script> [x](javascript:alert(1)) **bold**")
    assert "<script>" not in html and 'href="javascript:' not in html
    assert "<strong>bold</strong>" in html
