"""Sizes and spacing that pages share, so they are set once (Radix scale values)."""

PAGE_TITLE = "8"  # the h1 of every page
LEAD_TEXT = "4"  # the line under a page title
SECTION_TITLE = "4"  # the h2 of a card
GAP = "4"  # between a page's blocks
