"""The FastAPI application: the REST API, the HTML pages, the shipped static files and the API docs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

import thoisu
from thoisu.store import DEFAULT_DB
from thoisu.web import api, pages
from thoisu.web.body_limit import BodyLimit
from thoisu.web.connections import StoreConnections
from thoisu.web.problems import install_problem_handlers

TOKEN_VARIABLE = "THOISU_API_TOKEN"
DEFAULT_MAX_BODY = 2_000_000  # bytes: a large news page is a few hundred kB of HTML


@dataclass(frozen=True)
class Settings:
    """How the app was started: its store, its write token (None: writing disabled) and its body cap."""

    db: str = DEFAULT_DB
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY


def create_app(db: str = DEFAULT_DB, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app over the store at ``db``; ``token`` defaults to $THOISU_API_TOKEN (writing disabled without one)."""
    settings = Settings(db, token or os.environ.get(TOKEN_VARIABLE) or None, max_body)
    app = FastAPI(title="thoisu", version=thoisu.__version__, docs_url=None, redoc_url=None,
                  description="Vietnamese news pages to event data: analyze pages, search the archive, read events,"
                              " entities, the actor graph and timelines. Errors are RFC 9457 problem details."
                              f" Writing (POST /documents) needs `Authorization: Bearer <{TOKEN_VARIABLE}>`.")
    app.state.settings = settings
    app.state.stores = StoreConnections(settings.db)
    install_problem_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router, prefix="/ui", include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(files("thoisu.web") / "static")), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI over /openapi.json, from the shipped files."""
        return get_swagger_ui_html(openapi_url="/openapi.json", title="thoisu API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg")

    @app.get("/", include_in_schema=False)
    def home() -> RedirectResponse:
        """The search page."""
        return RedirectResponse("/ui/")

    return app
