"""The security headers: on every HTTP response the app serves, and the same in Caddy."""

import re

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from stack_explorer.security_headers import POLICY, with_security_headers
from tests.kit.server import ROOT


def test_every_response_carries_the_policy_and_keeps_its_own_headers():
    def page(_request):
        return PlainTextResponse("hi", headers={"Referrer-Policy": "no-referrer"})

    client = TestClient(with_security_headers(Starlette(routes=[Route("/", page)])))
    response = client.get("/")
    assert response.headers["content-security-policy"] == POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"  # the app's own wins
    assert client.get("/missing").headers["content-security-policy"] == POLICY


def test_learner_code_may_connect_only_to_this_origin():
    directives = dict(part.split(" ", 1) for part in POLICY.split("; "))
    assert directives["connect-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert "'wasm-unsafe-eval'" in directives["script-src"]


def test_caddy_sends_the_same_policy():
    caddy = (ROOT / "Caddyfile").read_text()
    assert re.search(r'Content-Security-Policy "([^"]+)"', caddy).group(1) == POLICY
