"""An event's modality from the cues before its trigger: planned, denied, hypothetical, historical."""

from __future__ import annotations

from thoisu.events.lexicon import Lexicon
from thoisu.events.triggers import Syllable

# When several cues govern a trigger, the strongest claim about (non-)occurrence wins.
_PRIORITY = ("denied", "hypothetical", "planned", "historical")


def modality_of(before: list[Syllable], lexicon: Lexicon, anywhere: bool = False) -> str | None:
    """The modality the cues in ``before`` (the clause up to the trigger) set; ``anywhere`` ignores cue windows."""
    keys = [s.key for s in before]
    present = set(keys)
    found: set[str] = set()
    for cue, (modality, window) in lexicon.modality_cues.items():
        words = cue.split()
        if words[0] not in present:
            continue
        n = len(words)
        for i in range(0 if anywhere else max(0, len(keys) - window - n), len(keys) - n + 1):
            if keys[i : i + n] == words:
                found.add(modality)
                break
    return next((m for m in _PRIORITY if m in found), None)
