"""Nothing is awaited while a database session is open.

Taking a pooled connection blocks the event loop when the pool is empty; any
coroutine that holds a connection while it awaits can then never give it back,
and the worker hangs (seen with PostgreSQL and 200 learners). So inside
`async with learner(...)` and `with rx.session()` blocks there is no `await`.
"""

import ast
from pathlib import Path

import stack_explorer

SOURCES = sorted(Path(stack_explorer.__file__).parent.rglob("*.py"))


def _opens_a_session(item: ast.withitem) -> bool:
    call = item.context_expr
    if not isinstance(call, ast.Call):
        return False
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return name in {"learner", "session"}


def awaits_inside_sessions(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.With | ast.AsyncWith) and any(map(_opens_a_session, node.items)):
            for statement in node.body:
                lines += [n.lineno for n in ast.walk(statement) if isinstance(n, ast.Await)]
    return lines


def test_no_module_awaits_while_a_session_is_open():
    found = {
        str(path.relative_to(Path(stack_explorer.__file__).parent)): lines
        for path in SOURCES
        if (lines := awaits_inside_sessions(path.read_text()))
    }
    assert found == {}, f"await inside a database session (file: lines): {found}"


def test_the_check_sees_an_await_inside_a_session():
    source = "async def f(self):\n    async with learner(self) as me:\n        await g()\n"
    assert awaits_inside_sessions(source) == [3]
