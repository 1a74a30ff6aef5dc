"""Vietnamese time expressions normalized to TIMEX3 values: the ``TimeTagger`` step and ``tag_times``."""

from thoisu.times.tagger import TimeTagger, tag_times

__all__ = ["TimeTagger", "tag_times"]
