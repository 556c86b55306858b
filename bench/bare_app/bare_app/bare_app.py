"""A button that increments a number, and a text showing the number."""

import reflex as rx

from bare_app.echo import echo


class CounterState(rx.State):
    count: int = 0

    @rx.event
    def increment(self):
        self.count += 1


def index() -> rx.Component:
    return rx.vstack(
        rx.heading("Counter", as_="h1"),
        rx.text(CounterState.count, id="count"),
        rx.button("Increment", on_click=CounterState.increment, id="increment"),
    )


app = rx.App()
app.add_page(index, title="Bare app", description="Reference app for the benchmarks.")
app.add_page(echo, route="/echo", title="Echo")  # the search benchmark's yardsticks
