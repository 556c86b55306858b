"""The weekly goal and the days practised, as one tab shows them (home, `/me/progress`).

The figures are counted on the server, on the learner's calendar: this tab's browser
time zone once it has said it (`set_zone`), else the zone kept with the goal. A goal
set in one tab, and what a saved change does to the counts, reach the learner's other
open tabs at once (`publish`); a tab elsewhere in the app counts again when it next
opens a page that shows the goal.
"""

import reflex as rx
from sqlmodel import Session

from stack_explorer import routes
from stack_explorer.handlers import checked
from stack_explorer.learner.context import learner, on_detach, push
from stack_explorer.learner.state import Unidentified
from stack_explorer.services import goals
from stack_explorer.services.errors import InvalidRequest

# The learner's time zone name, read in the browser (as on /review).
BROWSER_ZONE = "Intl.DateTimeFormat().resolvedOptions().timeZone"
SHOWN_ON = (routes.HOME, routes.MY_PROGRESS)
UNKNOWN_ZONE = (
    "Your device's time zone is not one this app knows, so your week is counted in the "
    "time zone saved with your goal."
)


def this_week(done: int, goal: int) -> str:
    """ "2 of 3 topics this week"; a met goal is said once, without fuss."""
    text = f"{done} of {goal} {'topic' if goal == 1 else 'topics'} this week"
    return text + " · goal reached" if done >= goal else text


def days_practised(days: int) -> str:
    """Never a scolding: no streak yet is an invitation."""
    if days == 0:
        return "Practise today to start a streak"
    return "1 day practised" if days == 1 else f"{days} days practised in a row"


class WeeklyGoalState(rx.State):
    goal: int = goals.OFF  # topics per week; 0: no goal
    summary: str = ""  # "2 of 3 topics this week"
    streak: str = ""  # "4 days practised in a row"
    loaded: bool = False  # the figures have arrived (nothing is shown before)
    _zone: str = ""  # this tab's browser time zone, once it said it and it is known
    _zone_refused: bool = False

    @checked
    async def load(self):
        async with learner(self) as me:
            _show(self, me.session, me.id)
        return rx.call_script(BROWSER_ZONE, callback=WeeklyGoalState.set_zone)

    @checked
    async def set_zone(self, zone: str):
        """The browser's time zone (any client may send anything: it is checked)."""
        try:
            zone = goals.check_zone(zone)
        except InvalidRequest:
            if self._zone_refused:
                return None
            self._zone_refused = True
            return rx.toast.info(UNKNOWN_ZONE, duration=8000)
        if zone == self._zone:
            return None
        self._zone = zone
        try:
            async with learner(self) as me:
                _show(self, me.session, me.id)
        except Unidentified:
            return None  # the page loads again once the browser identified itself
        return None


def _show(shown: WeeklyGoalState, session: Session, learner_id: int) -> None:
    summary = goals.week_summary(session=session, learner_id=learner_id, zone=shown._zone or None)
    shown.goal = summary.goal
    shown.summary = this_week(summary.done, summary.goal) if summary.goal else ""
    shown.streak = days_practised(summary.days) if summary.goal else ""
    shown.loaded = True


def _show_if_on_page(learner_id: int):
    def apply(other: WeeklyGoalState) -> None:
        # Another tab: counted again only where the goal is on screen, in its own zone.
        if (other.router.url.path.rstrip("/") or "/") in SHOWN_ON:
            with rx.session() as session:
                _show(other, session, learner_id)
        else:
            other.loaded = False  # counted again when that tab opens such a page

    return apply


async def publish(state: rx.State, learner_id: int) -> None:
    """The goal or its counts may have changed: this tab and the learner's others show
    them again (counted where they are on screen)."""
    here = await state.get_state(WeeklyGoalState)
    _show_if_on_page(learner_id)(here)
    await push(state, (WeeklyGoalState, _show_if_on_page(learner_id)))


def _clear(shown: WeeklyGoalState) -> None:
    shown.goal, shown.summary, shown.streak, shown.loaded = goals.OFF, "", "", False


on_detach(WeeklyGoalState, _clear)
