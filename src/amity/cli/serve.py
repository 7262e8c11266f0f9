"""``amity serve``: the web app and HTTP API (:mod:`amity.web`) on uvicorn, on loopback by default."""

from __future__ import annotations

import typer


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, "--port", "-p", help="TCP port."),
    open_browser: bool = typer.Option(False, "--open", help="Open the home page in a browser."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds before a request is answered 504."),
    max_body: int = typer.Option(5_000_000, "--max-body", help="Largest request body in bytes (413 above)."),
) -> None:
    """Serve the web app and HTTP API. Read-only unless AMITY_TOKEN is set (then writes need the token)."""
    import uvicorn

    from amity.data.store import get_store
    from amity.web.app import create_app
    from amity.web.guard import Settings

    # Open the store now: a second server (or any process) holding it fails here with a clear message.
    get_store().loaded_tables()
    settings = Settings.from_env(host, timeout=timeout, max_body=max_body)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    mode = "writes need the token in AMITY_TOKEN" if settings.token else "read-only (set AMITY_TOKEN to allow writes)"
    typer.echo(f"amity serving on {url} — {mode}; API docs at {url}docs. Ctrl+C stops it.", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", timeout_graceful_shutdown=5)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the amity app."""
    app.command("serve", help="Serve the web app and HTTP API (127.0.0.1:8000; read-only without AMITY_TOKEN).")(
        serve_cmd)
