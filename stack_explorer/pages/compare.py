"""`/compare` and `/compare/<slug>`: side-by-side tables of alternatives within a layer."""

import reflex as rx

from stack_explorer import routes
from stack_explorer.catalog import get_catalog
from stack_explorer.catalog.schema import ComparisonMeta
from stack_explorer.components.cards import link_card
from stack_explorer.components.layout import page
from stack_explorer.components.sections import page_header
from stack_explorer.components.static_markdown import static_markdown


def comparisons_index() -> rx.Component:
    catalog = get_catalog()
    return page(
        rx.vstack(
            page_header("Comparisons", "The alternatives within a layer, side by side."),
            rx.grid(
                *[
                    link_card(
                        c.title,
                        routes.comparison(c.slug),
                        c.summary,
                        rx.text(catalog.layer(c.layer).name, size="1", color_scheme="gray"),
                    )
                    for c in catalog.comparisons.values()
                ],
                columns={"initial": "1", "sm": "2"},
                spacing="4",
                width="100%",
            ),
            spacing="4",
            width="100%",
        )
    )


def comparison_page(comparison: ComparisonMeta) -> rx.Component:
    topics = get_catalog().topics
    header = rx.table.header(
        rx.table.row(
            rx.table.column_header_cell(rx.text("Criterion"), scope="col"),
            *[
                rx.table.column_header_cell(
                    rx.link(topics[s].title, href=routes.topic(s)), scope="col"
                )
                for s in comparison.topics
            ],
        )
    )
    rows = [
        rx.table.row(
            rx.table.row_header_cell(criterion.name, scope="row"),
            *[rx.table.cell(criterion.values[s]) for s in comparison.topics],
        )
        for criterion in comparison.criteria
    ]
    rows.append(
        rx.table.row(
            rx.table.row_header_cell("Choose it when", scope="row"),
            *[rx.table.cell(comparison.choose[s]) for s in comparison.topics],
        )
    )
    return page(
        rx.vstack(
            rx.el.nav(
                rx.link("All comparisons", href=routes.COMPARE, size="2"), aria_label="Breadcrumb"
            ),
            page_header(comparison.title),
            rx.box(static_markdown(comparison.intro), class_name="topic-body", max_width="48rem"),
            rx.box(
                rx.table.root(
                    rx.el.caption(comparison.title, class_name="sr-only"),
                    header,
                    rx.table.body(*rows),
                    variant="surface",
                    size="2",
                ),
                overflow_x="auto",
                width="100%",
                tab_index=0,
                aria_label=f"{comparison.title} table, scrollable",
                role="region",
            ),
            spacing="4",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.COMPARE,
        "Comparisons | Stack Explorer",
        "Python web frameworks, databases, clouds and frontends side by side.",
        comparisons_index,
    ),
    *[
        routes.Page(
            routes.comparison(comparison.slug),
            f"{comparison.title} | Stack Explorer",
            comparison.summary,
            routes.built_from(comparison_page, comparison),
        )
        for comparison in get_catalog().comparisons.values()
    ],
]
