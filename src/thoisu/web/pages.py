"""The HTML pages: search, article, events table, entity, relations; server-rendered, labels in vi or en."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from thoisu.entities.kb import KnowledgeBase
from thoisu.errors import InputError
from thoisu.store.base import DocumentStore
from thoisu.store.search import Filters, Hit, pair
from thoisu.web.entity_profile import entity_profile
from thoisu.web.event_table import MODALITIES, EventQuery, event_records
from thoisu.web.labels import labels, language
from thoisu.web.marking import marked_html

PAGE_SIZE = 20
BUSIEST_PAIRS = 12  # offered as links on the relations page

router = APIRouter()
templates = Jinja2Templates(directory=str(files("thoisu.web") / "templates"))


def _url_maker(lang: str) -> Callable[..., str]:
    def url(path: str, **params: Any) -> str:
        kept = {k: v for k, v in params.items() if v not in (None, "")}
        return path + "?" + urlencode({**kept, "lang": lang})
    return url


def _render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request.query_params.get("lang"))
    other = "en" if lang == "vi" else "vi"
    switch = request.url.include_query_params(lang=other)
    return templates.TemplateResponse(request, template, status_code=status, context={
        "t": labels()[lang], "lang": lang, "url": _url_maker(lang), "switch_url": str(switch), **context})


def _error(request: Request, status: int, message: str) -> HTMLResponse:
    return _render(request, "error.html", status, message=message)


def _highlighted(hit: Hit) -> Markup:
    out, last = [], 0
    for start, end in hit.highlights:
        out += [escape(hit.snippet[last:start]), Markup("<mark>"), escape(hit.snippet[start:end]), Markup("</mark>")]
        last = end
    return Markup("").join([*out, escape(hit.snippet[last:])])


def _store(request: Request) -> DocumentStore:
    return request.app.state.stores.current()


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: str = "", since: str = "", until: str = "", outlet: str = "",
                entity: str = "", type: str = "", countries: str = "", offset: int = 0) -> HTMLResponse:
    """The search page: a query, filters, and the hits with their matches marked."""
    form = {"q": q, "since": since, "until": until, "outlet": outlet, "entity": entity, "type": type,
            "countries": countries}
    offset = max(0, min(offset, 10_000))
    try:
        filters = Filters(since or None, until or None, outlet or None, entity or None, type or None,
                          pair(countries or None, "countries"))
        hits = _store(request).search(q, filters, offset + PAGE_SIZE)[offset:]
    except InputError as error:
        return _render(request, "search.html", 400, form=form, hits=[], error=str(error), offset=0,
                       page_size=PAGE_SIZE)
    return _render(request, "search.html", form=form, offset=offset, page_size=PAGE_SIZE,
                   hits=[(hit, _highlighted(hit)) for hit in hits])


@router.get("/articles/{doc_id}", response_class=HTMLResponse)
def article_page(request: Request, doc_id: str) -> HTMLResponse:
    """One article: its text with entities, times and event triggers marked; what cleaning set aside."""
    doc = _store(request).get(doc_id)
    if doc is None:
        return _error(request, 404, f"No stored document has the id {doc_id!r}.")
    data = doc.to_dict()
    annotations = {key: data[key] for key in ("entities", "times", "events")}
    return _render(request, "article.html", doc=doc, text=marked_html(doc),
                   annotations=Markup(json.dumps(annotations, ensure_ascii=False).replace("</", "<\\/")))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str = "", actor: str = "", countries: str = "", since: str = "",
                until: str = "", modality: str = "", outlet: str = "", offset: int = 0) -> HTMLResponse:
    """The events table with its filters; each row links to its sentence in its article."""
    form = {"type": type, "actor": actor, "countries": countries, "since": since, "until": until,
            "modality": modality, "outlet": outlet}
    offset = max(0, min(offset, 10_000))
    try:
        query = EventQuery(type or None, actor or None, pair(countries or None, "countries"), since or None,
                           until or None, modality or None, outlet or None)
        rows = event_records(_store(request), query, PAGE_SIZE * 2, offset)
    except InputError as error:
        return _render(request, "events.html", 400, form=form, rows=[], error=str(error), offset=0,
                       page_size=PAGE_SIZE * 2, modalities=MODALITIES)
    return _render(request, "events.html", form=form, rows=rows, offset=offset, page_size=PAGE_SIZE * 2,
                   modalities=MODALITIES)


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    """Who or what an entity is, its aliases, events and partners."""
    profile = entity_profile(_store(request), entity_id)
    if profile is None:
        return _error(request, 404, f"{entity_id!r} is neither in the knowledge base nor in any stored document.")
    return _render(request, "entity.html", profile=profile)


@router.get("/relations", response_class=HTMLResponse)
def relations_page(request: Request, pair_: str = Query("", alias="pair"), period: str = "month", since: str = "",
                   until: str = "") -> HTMLResponse:
    """The actor graph and the cooperation/conflict timeline of a chosen pair (both drawn in the browser),
    with the busiest pairs offered as links; both restricted to the events between ``since`` and ``until``."""
    form = {"pair": pair_, "period": period if period in ("day", "week", "month", "year") else "month",
            "since": since, "until": until}
    try:
        filters = Filters(since or None, until or None)
        pairs = [p for p in _store(request).top_pairs(BUSIEST_PAIRS, filters) if p["source"] != p["target"]]
    except InputError as error:
        return _error(request, 400, str(error))
    kb = KnowledgeBase.default()
    for p in pairs:
        p["source_name"], p["target_name"] = _actor_name(kb, p["source"]), _actor_name(kb, p["target"])
    return _render(request, "relations.html", form=form, pairs=pairs)


def _actor_name(kb: KnowledgeBase, key: str) -> str:
    """The knowledge base's first name for an actor key (a QID or country code), else the key itself."""
    entry = kb.get(key)
    return entry.names[0] if entry else key
