"""The REST API: analyze, store and read documents; search; events, entities, the actor graph, timelines, exports."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated, Any, TextIO

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field, model_validator

import thoisu
from thoisu.document import Document
from thoisu.export.formats import TEXT_FORMATS, write_text
from thoisu.store.base import DocumentStore
from thoisu.store.search import Filters, pair
from thoisu.web.actor_network import actor_network
from thoisu.web.entity_profile import entity_profile
from thoisu.web.event_table import MODALITIES, EventQuery, event_records
from thoisu.web.problems import Problem, problem_responses
from thoisu.web.streaming import stream_writer

MAX_LIMIT = 100
MAX_OFFSET = 10_000
MAX_GRAPH_NODES = 500
EXPORT_MEDIA_TYPES = {"jsonl": "application/x-ndjson", "plover": "application/x-ndjson",
                      "gdelt": "text/tab-separated-values", "graphml": "application/xml", "gexf": "application/xml"}

router = APIRouter(responses=problem_responses(400, 404, 413, 422))
_pipeline_loading = threading.Lock()
_pipeline_loaded = threading.Event()

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip (at most {MAX_OFFSET}).")]
Day = Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD, inclusive.")]
Countries = Annotated[str | None, Query(description="Two country codes, either direction: RUS,PRK.")]


class PageIn(BaseModel):
    """A page to analyze: either ``page`` (HTML or saved page text, cleaned first) or ``text`` (already clean)."""

    page: str | None = Field(None, description="A saved page, HTML or flattened text: cleaned, then annotated.")
    text: str | None = Field(None, description="Clean article text: annotated as is; offsets are into it.")
    url: str | None = Field(None, description="Where the page came from (gives the document its id).")
    published: str | None = Field(None, description="Publication date-time, ISO 8601, when the page lacks it.")

    @model_validator(mode="after")
    def _one_input(self) -> PageIn:
        if (self.page is None) == (self.text is None):
            raise ValueError("give exactly one of 'page' (a page to clean) or 'text' (clean text)")
        if not (self.page or self.text or "").strip():
            raise ValueError("the page or text is empty")
        return self


class Stored(BaseModel):
    """What storing a document did."""

    id: str
    outcome: str = Field(description="added, updated or unchanged")
    href: str


def _store(request: Request) -> DocumentStore:
    # called inside the endpoint, so the connection is used in the thread that opened it
    return request.app.state.stores.current()


def _analyze(page: PageIn) -> Document:
    if not _pipeline_loaded.is_set():
        with _pipeline_loading:  # the first analysis loads the models; concurrent ones wait rather than load twice
            doc = _run_pipeline(page)
            _pipeline_loaded.set()
            return doc
    return _run_pipeline(page)


def _run_pipeline(page: PageIn) -> Document:
    if page.text is not None:
        return thoisu.annotate(page.text, published=page.published)
    return thoisu.analyze(page.page or "", url=page.url, published=page.published)


def _paged(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) == limit and offset + limit <= MAX_OFFSET else None}


def _authorize(request: Request) -> None:
    token = request.app.state.settings.token
    if not token:
        raise Problem(403, "Writing is disabled",
                      "This server has no API token, so nothing can be stored through it; start it with"
                      " THOISU_API_TOKEN set (or `thoisu serve --token`).")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Problem(401, "Unauthorized", "Send the server's API token as 'Authorization: Bearer <token>'.",
                      headers={"WWW-Authenticate": "Bearer"})


@router.post("/analyze", tags=["documents"], summary="Analyze a page or clean text; nothing is stored")
def analyze(page: PageIn) -> dict[str, Any]:
    """The analyzed document as JSON (Document.to_dict()), offsets into its ``text``."""
    return _analyze(page).to_dict()


@router.post("/documents", tags=["documents"], status_code=201, response_model=Stored,
             responses=problem_responses(401, 403),
             summary="Analyze a page and store it (needs the API token)")
def store_document(page: PageIn, request: Request) -> JSONResponse:
    """Analyze and store; answers where the stored document can be read."""
    _authorize(request)
    doc = _analyze(page)
    outcome = _store(request).put(doc)
    href = f"/documents/{doc.id}"
    return JSONResponse({"id": doc.id, "outcome": outcome, "href": href}, status_code=201,
                        headers={"Location": href})


@router.get("/documents/{doc_id}", tags=["documents"], summary="One stored document")
def get_document(doc_id: str, request: Request) -> dict[str, Any]:
    """The stored document with this id (or a unique prefix of it)."""
    doc = _store(request).get(doc_id)
    if doc is None:
        raise Problem(404, "No such document", f"No stored document has the id {doc_id!r}; find ids with /search.")
    return doc.to_dict()


@router.get("/search", tags=["archive"], summary="Full-text search, diacritics optional, with marked snippets")
def search(request: Request, q: str = "", since: Day = None, until: Day = None, outlet: str | None = None,
           entity: str | None = None, type: str | None = None, countries: Countries = None,
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Documents matching every word or "quoted phrase" of ``q``, best first (newest first without ``q``)."""
    filters = Filters(since, until, outlet, entity, type, pair(countries, "countries"))
    hits = _store(request).search(q, filters, offset + limit)[offset:]
    return _paged([h.to_dict() for h in hits], limit, offset)


@router.get("/events", tags=["archive"], summary="Coded events, one per report, filtered")
def events(request: Request, type: str | None = None,
           actor: Annotated[str | None, Query(description="KB id of a participant: RUS, Q7747, per:….")] = None,
           countries: Countries = None, since: Day = None, until: Day = None,
           modality: Annotated[str | None, Query(description=", ".join(MODALITIES))] = None,
           outlet: str | None = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Events, newest article first, with actors, date, modality and their sentence (``anchor`` in the article page)."""
    query = EventQuery(type, actor, pair(countries, "countries"), since, until, modality, outlet)
    return _paged(event_records(_store(request), query, limit, offset), limit, offset)


@router.get("/entities/{entity_id}", tags=["archive"], summary="One entity: KB record, events, partners")
def entity(entity_id: str, request: Request, limit: Limit = 20) -> dict[str, Any]:
    """Who or what the entity is, its aliases, its events, partners, documents and timeline."""
    profile = entity_profile(_store(request), entity_id, limit)
    if profile is None:
        raise Problem(404, "No such entity", f"{entity_id!r} is neither in the knowledge base nor in any stored"
                      " document; entity ids look like RUS, Q7747 or per:andrei-belousov.")
    return profile


@router.get("/graph", tags=["relations"], summary="The actor graph: nodes and weighted edges")
def graph(request: Request, since: Day = None, until: Day = None, outlet: str | None = None,
          limit: Annotated[int, Query(ge=1, le=MAX_GRAPH_NODES, description="Most active actors kept.")] = 50,
          ) -> dict[str, Any]:
    """The ``limit`` most active actors and who acts on whom: events, cooperation/conflict counts, mean Goldstein."""
    return actor_network(_store(request), Filters(since, until, outlet), limit)


@router.get("/timeline", tags=["relations"], summary="Events per period: between a pair, or about one entity/query")
def timeline(request: Request,
             pair_: Annotated[str | None, Query(alias="pair", description="Two actors: RUS,PRK.")] = None,
             entity: str | None = None, q: str | None = None,
             period: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month",
             directed: bool = False, since: Day = None, until: Day = None, outlet: str | None = None,
             ) -> dict[str, Any]:
    """With ``pair``: events between two actors per period (quad classes: cooperation vs conflict);
    else documents and events about ``entity`` or matching ``q``."""
    store, filters = _store(request), Filters(since, until, outlet)
    if pair_:
        first, second = pair(pair_, "pair") or ("", "")
        rows = store.relations(first, second, period, directed, filters)
        return {"pair": [first, second], "period": period, "rows": rows}
    if not (entity or q):
        raise Problem(400, "Nothing to chart", "Give pair=RUS,PRK, entity=<id> or q=<words>.")
    return {"entity": entity, "q": q, "period": period, "rows": store.timeline(entity, q, period, filters)}


@router.get("/export", tags=["archive"], summary="Stored documents exported, streamed")
def export(request: Request,
           format: Annotated[str, Query(description=", ".join(TEXT_FORMATS))] = "jsonl",
           since: Day = None, until: Day = None, outlet: str | None = None, entity: str | None = None,
           type: str | None = None, countries: Countries = None) -> StreamingResponse:
    """Every stored document the filters keep, in a text format (JSON lines by default), sent as it is written."""
    if format not in TEXT_FORMATS:
        raise Problem(400, "Unknown format", f"{format!r} is not one of {', '.join(TEXT_FORMATS)}.")
    filters = Filters(since, until, outlet, entity, type, pair(countries, "countries"))
    filters.clauses()  # bad dates are reported now, not halfway through the stream
    stores = request.app.state.stores

    def write(out: TextIO) -> int:  # in the streaming thread, on its own connection
        store = stores.current()  # GDELT rows are the real-world events, with their counts across articles
        return write_text(store.documents(filters), format, out, store.merged_counts() if format == "gdelt" else None)

    return StreamingResponse(stream_writer(write),
                             media_type=EXPORT_MEDIA_TYPES.get(format, "text/plain"),
                             headers={"Content-Disposition": f'attachment; filename="thoisu.{format}"'})
