"""Prerendered pages answer at their own address, without a redirect.

Reflex's production server keeps each page as `<route>/index.html` and answers
`/topics/flask` with a redirect to `/topics/flask/`: a wasted round trip on every
first visit. Links keep the route table's form (no trailing slash), and this ASGI
wrapper serves the folder's page in place. Caddy (compose.yaml) does the same with
`try_files`.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from stack_explorer.reflex_internals import frontend_build_dir


def serve_pages_in_place(app: ASGIApp) -> ASGIApp:
    build_dir = frontend_build_dir()

    def has_page(path: str) -> bool:
        parts = path.strip("/").split("/")
        if ".." in parts or "." in parts[-1]:  # no escaping the folder; files keep their path
            return False
        return build_dir.joinpath(*parts, "index.html").is_file()

    async def serve(scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] == "http"
            and scope.get("method") in ("GET", "HEAD")
            and len(path) > 1
            and not path.endswith("/")
            and has_page(path)
        ):
            scope = {**scope, "path": path + "/"}
        await app(scope, receive, send)

    return serve
