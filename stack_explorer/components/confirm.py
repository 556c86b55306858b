"""A confirmation before an action that cannot be undone from where the learner stands.

Radix's alert dialog moves focus to its Cancel button when it opens, so Enter or a
stray Space keeps things as they were; Escape cancels too."""

import reflex as rx


def confirm_dialog(
    trigger: rx.Component,
    *,
    title: str,
    consequence: str,
    confirm_label: str,
    on_confirm: rx.EventHandler,
) -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(consequence, size="2"),
            rx.flex(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(
                    rx.button(confirm_label, color_scheme="red", on_click=on_confirm)
                ),
                spacing="3",
                justify="end",
                wrap="wrap",
                margin_top="1rem",
            ),
            max_width="28rem",
        ),
    )
