"""A card whose whole surface links to one page, while the link text stays its title."""

import reflex as rx


def link_card(title: str, href: str, summary: str, *extra: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(
                rx.link(
                    title,
                    href=href,
                    class_name="stretched-link",
                    color_scheme="gray",
                    high_contrast=True,
                ),
                as_="h2",
                size="4",
            ),
            rx.text(summary, size="2", color_scheme="gray"),
            *extra,
            spacing="2",
        ),
        position="relative",
        class_name="topic-card",
    )
