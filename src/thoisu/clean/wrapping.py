"""Hard-wrapped plain text (an e-mail, a wire story, a .txt file cut at a fixed width) joined back into paragraphs.

A line of flattened page text is a paragraph, a headline or page chrome; but a text wrapped at, say, 72 characters
cuts every paragraph into lines, and then a sentence's subject and its verb land on different "paragraphs". A line
break is a wrap when the next line's first word would not have fitted after the line (that is how a greedy wrapper
breaks lines) and the text has a fixed width: no line longer than ``MAX_WRAP_WIDTH``, and at least half of its line
breaks inside a block of lines are such breaks (a crawled page's lines break anywhere). A line that ends a sentence
or opens a list (final punctuation, a colon) and a line that starts a list item or a dialogue stay lines.
"""

from __future__ import annotations

MAX_WRAP_WIDTH = 160  # wider than any fixed-width layout (72–80 for mail and wires, 132 for line printers)
_ENDS_BLOCK = tuple(".!?…:;\"'”’»)]")
_STARTS_ITEM = tuple("-–—•*+>")


def unwrap(text: str) -> str:
    """``text`` with the lines of hard-wrapped paragraphs joined by a space; other texts come back unchanged."""
    lines = [line.strip() for line in text.splitlines()]
    width = max(map(len, lines), default=0)
    breaks = [(previous, line) for previous, line in zip(lines, lines[1:]) if previous and line]
    wraps = sum(_fills(previous, line, width) for previous, line in breaks)
    if width > MAX_WRAP_WIDTH or wraps < 2 or wraps * 2 < len(breaks):
        return text
    joined = lines[:1]
    for previous, line in zip(lines, lines[1:]):
        if previous and line and _fills(previous, line, width) and not previous.endswith(_ENDS_BLOCK) \
                and not line.startswith(_STARTS_ITEM):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return "\n".join(joined) if len(joined) < len(lines) else text


def _fills(previous: str, line: str, width: int) -> bool:
    """Whether ``previous`` is as full as ``width`` allows: the first word of ``line`` would not have fitted after it."""
    return len(previous) + 1 + len(line.split()[0]) > width
