"""Two inputs whose text is echoed on the page: one through the websocket and a state
var (every keystroke is an event to the backend), one through client state only. The
search benchmark times a keystroke until its echo shows, as yardsticks for the palette."""

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

client_echo = ClientStateVar.create("client_echo", "")


class EchoState(rx.State):
    text: str = ""

    @rx.event
    def set_text(self, text: str):
        self.text = text


def echo() -> rx.Component:
    return rx.vstack(
        rx.heading("Echo", as_="h1"),
        rx.el.input(
            id="socket-input", aria_label="Through the websocket", on_change=EchoState.set_text
        ),
        rx.el.span(EchoState.text, id="socket-echo"),
        rx.el.input(
            id="client-input", aria_label="Through client state", on_change=client_echo.set_value
        ),
        rx.el.span(client_echo.value, id="client-echo"),
    )
