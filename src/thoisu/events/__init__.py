"""Political events: PLOVER/CAMEO event coding, modality, reported speech and quotes.

``EventCoder`` is the pipeline step; its lexicons are the TSV files under ``thoisu/data/events``.
"""

from thoisu.events.coder import EventCoder

__all__ = ["EventCoder"]
