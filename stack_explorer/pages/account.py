"""`/account`: optional sign-up and login, and session management."""

import contextlib

import reflex as rx

from stack_explorer import routes
from stack_explorer.components.confirm import confirm_dialog
from stack_explorer.components.layout import page
from stack_explorer.components.offline import pending_phase
from stack_explorer.components.sections import page_header
from stack_explorer.handlers import checked
from stack_explorer.learner import account as actions
from stack_explorer.learner.context import resolve
from stack_explorer.learner.state import LearnerState
from stack_explorer.services.accounts import MIN_PASSWORD
from stack_explorer.wording import counted


class AccountState(rx.State):
    error: str = ""

    @checked
    async def load(self):
        await resolve(self)
        self.error = ""

    async def _run(self, action, *args):
        """Run an account action; a refusal becomes the form's error message."""
        try:
            result = await action(self, *args)
        except actions.AccountError as error:
            self.error = str(error)
            raise
        self.error = ""
        return result

    @checked
    async def sign_up(self, form_data: dict):
        with contextlib.suppress(actions.AccountError):
            await self._run(actions.sign_up, form_data)
            return rx.toast.success("Account created. Your progress is now saved to it.")

    @checked
    async def log_in(self, form_data: dict):
        with contextlib.suppress(actions.AccountError):
            await self._run(actions.log_in, form_data)
            return rx.toast.success("Logged in. This browser's progress was added to your account.")

    @checked
    async def log_out(self):
        await self._run(actions.log_out)
        return rx.toast.info("Logged out. This browser now has a fresh, anonymous map.")

    @checked
    async def log_out_everywhere(self):
        with contextlib.suppress(actions.AccountError):
            count = await self._run(actions.log_out_everywhere)
            return rx.toast.info(f"Logged out of {counted(count, 'session')} on every device.")

    @checked
    async def delete_account(self, form_data: dict):
        with contextlib.suppress(actions.AccountError):
            await self._run(actions.delete_account, form_data)
            return rx.toast.info("Your account, progress and notes were deleted.")


def _credentials_form(action: str, on_submit, autocomplete: str) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.label("Username", html_for=f"{action}-username", class_name="field-label"),
            rx.input(
                id=f"{action}-username",
                name="username",
                required=True,
                auto_complete="username",
                min_length=3,
                max_length=32,
                width="100%",
                size="3",
            ),
            rx.el.label("Password", html_for=f"{action}-password", class_name="field-label"),
            rx.input(
                id=f"{action}-password",
                name="password",
                type="password",
                required=True,
                auto_complete=autocomplete,
                width="100%",
                size="3",
            ),
            rx.text(
                f"At least {MIN_PASSWORD} characters." if action == "signup" else "",
                size="1",
                color_scheme="gray",
            ),
            rx.button(
                "Create account" if action == "signup" else "Log in",
                type="submit",
                size="3",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        on_submit=on_submit,
        reset_on_submit=False,
        width="100%",
    )


def _signed_out() -> rx.Component:
    return rx.vstack(
        rx.text(
            "An account is optional. It keeps your progress and notes across devices. "
            "Signing up or logging in adds what this browser has recorded so far.",
            color_scheme="gray",
        ),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger("Log in", value="login"), rx.tabs.trigger("Sign up", value="signup")
            ),
            rx.tabs.content(
                rx.box(
                    _credentials_form("login", AccountState.log_in, "current-password"),
                    padding_top="1rem",
                ),
                value="login",
            ),
            rx.tabs.content(
                rx.box(
                    _credentials_form("signup", AccountState.sign_up, "new-password"),
                    padding_top="1rem",
                ),
                value="signup",
            ),
            default_value="login",
            width="100%",
        ),
        spacing="4",
        width="100%",
    )


def _delete_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary("Delete my account"),
        rx.form(
            rx.vstack(
                rx.text(
                    "This deletes your account with all its progress, notes and share link, "
                    "on every device. Export first if you want a copy.",
                    size="2",
                    color_scheme="gray",
                ),
                rx.el.label("Password", html_for="delete-password", class_name="field-label"),
                rx.input(
                    id="delete-password",
                    name="password",
                    type="password",
                    required=True,
                    auto_complete="current-password",
                    width="100%",
                ),
                rx.button("Delete account for good", type="submit", color_scheme="red"),
                spacing="2",
                width="100%",
            ),
            on_submit=AccountState.delete_account,
            reset_on_submit=True,
            width="100%",
        ),
        width="100%",
    )


def _signed_in() -> rx.Component:
    return rx.vstack(
        rx.text("Logged in as ", rx.text.strong(LearnerState.username), "."),
        rx.text(
            "Your progress and notes follow you to any device where you log in.",
            color_scheme="gray",
        ),
        rx.hstack(
            rx.button("Log out", on_click=AccountState.log_out, variant="soft"),
            confirm_dialog(
                rx.button("Log out everywhere", variant="soft", color_scheme="red"),
                title="Log out everywhere?",
                consequence=(
                    "Every device where you are logged in, this one included, is logged out "
                    "at once. Your progress and notes stay with your account: log in again "
                    "to see them."
                ),
                confirm_label="Log out everywhere",
                on_confirm=AccountState.log_out_everywhere,
            ),
            wrap="wrap",
        ),
        rx.link("My progress, export and sharing", href=routes.MY_PROGRESS),
        _delete_form(),
        spacing="3",
        width="100%",
    )


def account() -> rx.Component:
    return page(
        rx.vstack(
            page_header("Account"),
            rx.cond(
                AccountState.error != "",
                rx.callout(
                    AccountState.error,
                    icon="triangle-alert",
                    color_scheme="red",
                    role="alert",
                    width="100%",
                ),
            ),
            rx.card(
                # Until the browser's tokens reached the server, whether this learner is
                # logged in is not known: no login form for a logged-in learner meanwhile.
                rx.cond(
                    LearnerState.identified,
                    rx.cond(LearnerState.username != "", _signed_in(), _signed_out()),
                    rx.text(
                        rx.cond(
                            pending_phase() == "offline",
                            "You are offline. Log in, sign up or log out when you are back.",
                            "Checking your account…",
                        ),
                        color_scheme="gray",
                        id="account-checking",
                    ),
                ),
                width="100%",
                size="3",
            ),
            spacing="4",
            max_width="28rem",
            width="100%",
        )
    )


PAGES = [
    routes.Page(
        routes.ACCOUNT,
        "Account | Stack Explorer",
        "Optional account: keep your Python stack progress and notes across devices.",
        account,
        on_load=AccountState.load,
    )
]
