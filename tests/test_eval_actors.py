"""The actor-matching rule shared by the samples' test and the actor gold scorer."""

from __future__ import annotations

from thoisu.document import Actor
from thoisu.evaluate.actors import contains_name, same_side


def test_names_match_as_whole_words() -> None:
    assert contains_name("quân đội Nga", "nga") and contains_name("Bộ  Quốc phòng Nga", "quốc phòng")
    assert not contains_name("Thanh Hoá", "Anh")


def test_a_side_needs_every_gold_actor_and_no_extra() -> None:
    russia = {"name": "Nga|Liên bang Nga", "code": "RUS"}
    fomin = {"name": "Alexander Fomin", "code": None}
    putin = Actor(0, 5, text="Putin", cameo="RUSGOV")
    assert same_side([russia], [putin])  # by CAMEO code
    assert same_side([fomin], [Actor(0, 9, text="ông Alexander Fomin")])  # by name
    assert not same_side([russia], [putin, Actor(9, 12, text="Anh", cameo="GBR")])
    assert not same_side([russia, fomin], [putin])
