"""The bundled event lexicons: triggers, PLOVER/CAMEO codes, modality cues, speech verbs, BKEE mapping."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from thoisu.errors import ResourceError
from thoisu.text.tones import normalize_tones

NOT_AN_EVENT = "-"  # trigger type of a blocking entry: a longer phrase that is no event ("họp báo")
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"


@dataclass(frozen=True)
class Code:
    """A CAMEO event code with its Goldstein score and GDELT quad class."""

    cameo: str
    name: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True)
class TriggerEntry:
    """A trigger lemma and the event it signals."""

    lemma: str  # lowercase, tone-normalized, syllables separated by one space
    type: str  # PLOVER category
    mode: str | None
    code: Code
    weight: float  # how reliably the lemma is a trigger (its precision on BKEE train, or a curated prior)
    symmetric: bool  # both sides act alike (meetings, talks, agreements): "A và B" means both are actors
    needs: tuple[str, ...]  # one of these words must follow within a few words ("điều" needs "quân")
    source: str


@dataclass(frozen=True)
class Lexicon:
    """Every event resource, loaded once."""

    triggers: dict[str, TriggerEntry]
    modality_cues: dict[str, tuple[str, int]]  # cue -> (modality, window in words)
    speech_verbs: frozenset[str]
    codes: dict[tuple[str, str | None], Code]  # (type, mode) -> default code
    codes_by_cameo: dict[str, Code]
    sectors: dict[str, str]  # words before a country ("bộ quốc phòng") -> CAMEO role suffix ("GOVMIL")
    prefixes: frozenset[str]  # every leading run of syllables of a trigger lemma or speech verb, for fast matching


def _prefixes(phrases: set[str]) -> frozenset[str]:
    found = set()
    for phrase in phrases:
        words = phrase.split()
        found.update(" ".join(words[: i + 1]) for i in range(len(words)))
    return frozenset(found)


def normalize_key(text: str) -> str:
    """A lexicon key: lowercase, tone-normalized, underscores and runs of spaces as one space."""
    return " ".join(normalize_tones(text.replace("_", " ")).lower().split())


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a bundled TSV file under thoisu/data/events (comment lines start with '#')."""
    try:
        raw = (DATA_DIR / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"bundled event lexicon {name} is missing; reinstall thoisu") from exc
    lines = [line for line in raw.splitlines() if line and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows:
        raise ResourceError(f"bundled event lexicon {name} has no rows")
    return rows


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and cross-check every bundled event table."""
    codes: dict[tuple[str, str | None], Code] = {}
    by_cameo: dict[str, Code] = {}
    for row in read_table("plover_cameo.tsv"):
        code = Code(row["cameo"], row["cameo_name"], float(row["goldstein"]), int(row["quad_class"]))
        by_cameo[code.cameo] = code
        if row["default"] == "default":
            codes[(row["type"], row["mode"] or None)] = code
    triggers: dict[str, TriggerEntry] = {}
    codes[(NOT_AN_EVENT, None)] = by_cameo[NOT_AN_EVENT] = Code(NOT_AN_EVENT, "not an event", 0.0, 0)
    for row in read_table("triggers.tsv"):
        key = (row["type"], row["mode"] or None)
        if key not in codes:
            raise ResourceError(f"triggers.tsv: {row['trigger']!r} has type/mode {key} absent from plover_cameo.tsv")
        cameo = row["cameo"] or codes[key].cameo
        if cameo not in by_cameo:
            raise ResourceError(f"triggers.tsv: {row['trigger']!r} names CAMEO code {cameo} absent from plover_cameo.tsv")
        lemma = normalize_key(row["trigger"])
        triggers[lemma] = TriggerEntry(
            lemma, row["type"], row["mode"] or None, by_cameo[cameo], float(row["weight"]),
            row["symmetric"] == "yes", tuple(normalize_key(w) for w in row["needs"].split("|") if w), row["source"],
        )
    cues = {normalize_key(r["cue"]): (r["modality"], int(r["window"])) for r in read_table("modality.tsv")}
    verbs = frozenset(normalize_key(r["verb"]) for r in read_table("speech_verbs.tsv"))
    sectors = {normalize_key(r["phrase"]): r["suffix"] for r in read_table("actor_sectors.tsv")}
    return Lexicon(triggers, cues, verbs, codes, by_cameo, sectors, _prefixes(set(triggers) | verbs))


@lru_cache(maxsize=1)
def bkee_to_plover() -> dict[str, tuple[str, str | None, str]]:
    """BKEE event type -> (PLOVER type, mode, CAMEO code) for the types PLOVER covers."""
    return {
        r["bkee_type"]: (r["plover_type"], r["mode"] or None, r["cameo"])
        for r in read_table("bkee_plover.tsv")
        if r["plover_type"] != "-"
    }
