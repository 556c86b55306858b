"""The Content-Security-Policy and its companions, on every response the app serves.

What the policy allows, and why:
- scripts from this origin only. 'unsafe-inline': each prerendered page carries the
  hydration data inline; 'unsafe-eval': Reflex runs server-sent scripts (toasts,
  focus) with eval, and Pyodide compiles its glue code the same way;
  'wasm-unsafe-eval': the Python runtime is WebAssembly.
- `connect-src 'self'`: the websocket and the app's own files and nothing else, so
  code a learner runs in the Python worker cannot reach another site even if it
  found a way past the worker's own sealing (runtime/python_worker.js).
- styles inline (Radix Themes and Emotion set them), images from here or data: URIs.
- no plugins, no framing by other sites, forms and <base> only to this origin.

The Caddy configuration (Caddyfile) sends the same header for the files it serves;
a unit test keeps the two equal.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = [
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]


def with_security_headers(app: ASGIApp) -> ASGIApp:
    async def serve(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await app(scope, receive, send_with_headers)

    return serve
