"""Whether an event's coded actors are the hand-coded ones: the rule of the five samples' test and of the actor gold.

A gold actor is a dict with ``name`` ("Nga|Liên bang Nga": alternatives, so a pronoun can be given with the name it
stands for) and ``code`` (a CAMEO actor code prefix, or None). A coded actor matches it when its CAMEO code starts
with that code, or when its text and one of the names contain each other as whole words.
"""

from __future__ import annotations

from thoisu.document import Actor


def same_side(gold: list[dict], found: list[Actor]) -> bool:
    """As many actors as the gold side, and every gold actor matched by one of them."""
    return len(gold) == len(found) and all(any(actor_matches(g, a) for a in found) for g in gold)


def actor_matches(gold: dict, actor: Actor) -> bool:
    """Whether the coded ``actor`` is the ``gold`` one, by CAMEO code or by name."""
    names = gold["name"].split("|")
    by_code = gold["code"] is not None and (actor.cameo or "").startswith(gold["code"])
    return by_code or any(contains_name(n, actor.text) or contains_name(actor.text, n) for n in names)


def contains_name(text: str, name: str) -> bool:
    """``name`` occurs in ``text`` as whole words, case and spacing aside ("Nga" in "quân đội Nga", not "Anh" in "Thanh")."""
    return f" {' '.join(name.lower().split())} " in f" {' '.join(text.lower().split())} "
