"""Scorers that compare thoisu's output with gold data (``thoisu eval …``)."""
