"""Errors as RFC 9457 problem details (application/problem+json), each saying what to change."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException

from thoisu.errors import InputError, StoreError

MEDIA_TYPE = "application/problem+json"
TOO_LARGE = "Request body too large"


class ProblemDetails(BaseModel):
    """The body of every error answer (RFC 9457)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries declaring problem-details bodies for these statuses."""
    schema = {"$ref": "#/components/schemas/ProblemDetails"}
    return {status: {"model": ProblemDetails, "description": "Problem details (RFC 9457)",
                     "content": {MEDIA_TYPE: {"schema": schema}}} for status in statuses}


class Problem(Exception):
    """An error answered with a problem-details body: an HTTP status, a short title and an actionable detail."""

    def __init__(self, status: int, title: str, detail: str, headers: dict[str, str] | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.headers, self.extra = status, title, detail, headers, extra


def problem_response(request: Request, problem: Problem) -> JSONResponse:
    """The JSON response for a problem, with ``instance`` set to the request path."""
    body = {"type": "about:blank", "title": problem.title, "status": problem.status, "detail": problem.detail,
            "instance": request.url.path, **problem.extra}
    return JSONResponse(body, status_code=problem.status, media_type=MEDIA_TYPE, headers=problem.headers)


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error the app raises (ours, FastAPI's validation, Starlette's 404/405) as problem details,
    and say so in the OpenAPI description."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        spec = generate()
        for operation in (op for path in spec["paths"].values() for op in path.values()):
            for response in operation.get("responses", {}).values():
                if MEDIA_TYPE in response.get("content", {}):
                    response["content"].pop("application/json", None)  # FastAPI adds it beside ours
        return spec

    app.openapi = openapi  # type: ignore[method-assign]

    @app.exception_handler(Problem)
    async def _problem(request: Request, error: Problem) -> JSONResponse:
        return problem_response(request, error)

    @app.exception_handler(InputError)
    async def _input(request: Request, error: InputError) -> JSONResponse:
        return problem_response(request, Problem(400, "Bad input", str(error)))

    @app.exception_handler(StoreError)
    async def _store(request: Request, error: StoreError) -> JSONResponse:
        return problem_response(request, Problem(503, "Store unavailable", str(error)))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, error: RequestValidationError) -> JSONResponse:
        errors = [{"where": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in error.errors()]
        detail = "; ".join(f"{e['where']}: {e['problem']}" for e in errors)
        return problem_response(request, Problem(422, "Invalid request", detail, errors=errors))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> JSONResponse:
        titles = {404: "Not found", 405: "Method not allowed", 413: TOO_LARGE}
        detail = error.detail if isinstance(error.detail, str) else str(error.detail)
        if error.status_code == 404 and detail == "Not Found":
            detail = f"There is nothing at {request.url.path}; the API is described at /docs."
        return problem_response(request, Problem(error.status_code, titles.get(error.status_code, detail), detail,
                                                 headers=getattr(error, "headers", None)))
