"""Hard-wrapped plain text (an e-mail, a wire story, a .txt file cut at a fixed width) joined back into paragraphs.

A line of flattened page text is a paragraph, a headline or page chrome; but a text wrapped at, say, 72 characters
cuts every paragraph into lines, and then a sentence's subject and its verb land on different "paragraphs". Inside
a block of lines (lines with no blank line between them), a break is a wrap when the next line's first word would not
have fitted after the line, as a greedy wrapper breaks lines. The width is that of the longest line inside a block
(a title standing alone does not count). The text is taken for wrapped when that width is at most
``MAX_WRAP_WIDTH`` and most of its in-block breaks are wraps (a crawled page's lines break anywhere): three in four
when blank lines separate paragraphs, one in two when paragraph ends are in-block breaks too.
When blank lines separate the blocks, every wrap is joined; otherwise a line that ends a sentence or opens a list
(final punctuation, a colon) may end a paragraph and stays a line. A line that starts a list item stays a line.
"""

from __future__ import annotations

from itertools import pairwise

MAX_WRAP_WIDTH = 160  # wider than any fixed-width layout (72–80 for mail and wires, 132 for line printers)
_ENDS_SENTENCE = tuple(".!?…:;\"'”’»)]")
_STARTS_ITEM = tuple("-–—•*+>")


def unwrap(text: str) -> str:
    """``text`` with the lines of hard-wrapped paragraphs joined by a space; other texts come back unchanged."""
    lines = [line.strip() for line in text.splitlines()]
    breaks = [(previous, line) for previous, line in pairwise(lines) if previous and line]
    width = max((len(previous) for previous, _ in breaks), default=0)
    wraps = sum(_fills(previous, line, width) for previous, line in breaks)
    blank_separated = "" in lines[1:-1]
    needed = 0.75 if blank_separated else 0.5  # paragraph ends break blocks only where no blank line does
    if width > MAX_WRAP_WIDTH or wraps < 2 or wraps < needed * len(breaks):
        return text
    joined = lines[:1]
    for previous, line in pairwise(lines):
        if (previous and line and _fills(previous, line, width) and not line.startswith(_STARTS_ITEM)
                and (blank_separated or not previous.endswith(_ENDS_SENTENCE))):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined) if len(joined) < len(lines) else text


def _fills(previous: str, line: str, width: int) -> bool:
    """Whether ``previous`` is as full as ``width`` allows: the first word of ``line`` would not have fitted after it."""
    return len(previous) + 1 + len(line.split()[0]) > width
