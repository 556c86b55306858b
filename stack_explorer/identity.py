"""Resolving the current learner for any state, from the token in LearnerState."""

import reflex as rx

from stack_explorer.services import learners
from stack_explorer.state import LearnerState


async def current_learner_id(state: rx.State) -> int:
    """The learner behind this browser; a first visit creates an anonymous learner."""
    learner = await state.get_state(LearnerState)
    if learner._learner_id is None or learner._resolved_token != learner.token:
        with rx.session() as session:
            learner_id, new_token = learners.resolve_or_create(session=session, token=learner.token)
        if new_token is not None:
            learner.token = new_token
        learner._learner_id = learner_id
        learner._resolved_token = learner.token
    return learner._learner_id
