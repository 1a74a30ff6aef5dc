"""From flattened page text, as a crawler saved it, to the article: body, title, date, outlet, captions.

No rule here knows a site. The method, in four passes over the non-blank lines:

1. Each line gets a class from its own features (``thoisu.clean.lines``): cue header, a
   boilerplate family by whole-line pattern, slug, paragraph (long, sentence-shaped, dense
   in stopwords), headline, short.
2. Title and lead: the title is a headline followed, within a few lines (bylines, media
   residue, its own repetition and chrome aside), by a paragraph — the lead. When several
   qualify, the first whose article has some mass wins (a teaser list has one paragraph per
   headline).
3. From the lead on, the lines are read in order, in or out of a block. A cue header ("Tin
   liên quan", "Bình luận", …), a headline repeated on the page, a headline over a timestamp
   or behind a slug, a teaser cut short with "…" under a headline open a block of other
   headlines. A block ends only where the article demonstrably resumes: a paragraph that is
   not a teaser (not cut short, not opening with an outlet prefix, not under a timestamp),
   shares content bigrams with the article so far (topical cohesion) and is followed by
   another paragraph. Inside the article, a repetition of the title or a slug is an image's
   alt text and the line after it is that image's caption; a short line is kept only between
   two body paragraphs (an intertitle), and a run of short lines is a list of links.
4. Block smoothing: the article is the densest region that starts at the lead — the prefix
   with the largest score, body paragraphs scoring by length (little when they share nothing
   with the article) and removed lines against — so that page furniture after long lists of
   other headlines never joins the body. The article's source and author lines close it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from thoisu.clean.agencies import find_agencies
from thoisu.clean.lines import (
    CUE,
    HEADLINE,
    PARAGRAPH,
    PATTERN,
    SHORT,
    SLUG,
    SLUG_PREFIXED,
    Line,
    content_bigrams,
    line_rules,
    read_lines,
    slug_key,
)
from thoisu.clean.outlets import outlet_from_url, split_outlet_prefix
from thoisu.clean.published import find_published
from thoisu.clean.wrapping import unwrap
from thoisu.document import Document, Removal

# What a line turns out to be, besides a removal reason.
BODY = "body"
ATTRIBUTION = "attribution"
CAPTION = "caption"
AUTHOR = "author"
TITLE = "title"
PENDING = "pending"  # a short line inside the article: an intertitle or chrome, decided by its neighbours
KEPT = frozenset({BODY, ATTRIBUTION})

RELATED = "related-articles"
COMMENTS = "comments"
OUTSIDE = "outside-article"  # text outside the article that no family claims (footers, stray ads)

TITLE_MAX_WORDS = 40
TITLE_LOOKAHEAD = 8  # lines between a title and its lead, at most
LEAD_MIN_WORDS = 12  # an unpunctuated line this long, under the title and over a paragraph, is the lead …
UNPUNCTUATED_LEAD_MIN_TITLE_WORDS = 7  # … when its title is a real headline, not a section label
LEAD_MASS_WINDOW = 30  # lines after a lead over which its article's mass is measured
LEAD_MIN_MASS = 200  # characters of paragraphs that make a title's article real
CONTEXT_LOOKAHEAD = 6  # lines looked ahead to see whether the article resumes
CAPTION_MAX_CHARS = 250
# A paragraph after a list of other headlines resumes the article only if it shares this
# share of its content bigrams with the article so far: the article's own paragraphs
# mostly do, other articles' teasers mostly do not.
MIN_COHESION = 0.03
MIN_COHESION_ALONE = 0.06  # the same for a paragraph that no other paragraph follows
RESUMING_RUN = 3  # this many paragraphs in a row after a list are the article again, whatever their words
UNRELATED_PARAGRAPH_WEIGHT = 0.3
LINK_LIST_MIN_LINES = 3  # this many short lines in a row inside the article are a list of links, not intertitles
AUTHOR_MAX_WORDS = 5
BYLINE_ABOVE_TITLE = 3  # lines above the title where a byline date may sit
# Lines that may stand between a title and its lead.
BETWEEN_TITLE_AND_LEAD = frozenset(
    {"timestamp", "media-player", "navigation", "author", "caption", "advertisement", "server-output", "comments"}
)
# Lines that do not interrupt the article when looking ahead for its next paragraph.
TRANSPARENT = frozenset({"caption", "server-output", "media-player", "advertisement", "navigation"})


@dataclass
class _Article:
    """What the passes found: a label per line, where the title and the lead are."""

    lines: list[Line]
    labels: list[str]
    title_at: int | None
    lead_at: int | None
    stopwords: frozenset[str]
    _bigrams: dict[int, set[str]] = field(default_factory=dict)

    def vocabulary_of(self, index: int) -> set[str]:
        """The content bigrams of one line (computed once)."""
        if index not in self._bigrams:
            self._bigrams[index] = content_bigrams(self.lines[index].text, self.stopwords)
        return self._bigrams[index]

    def cohesion(self, index: int, vocabulary: set[str]) -> float:
        """The share of a line's content bigrams that the article so far (``vocabulary``) contains."""
        bigrams = self.vocabulary_of(index)
        return len(bigrams & vocabulary) / len(bigrams) if bigrams else 0.0

    def title_vocabulary(self) -> set[str]:
        """The content bigrams of the title, where the article's vocabulary starts."""
        return set(self.vocabulary_of(self.title_at)) if self.title_at is not None else set()


def clean_flat(markup: str, url: str | None = None) -> Document:
    """The article in flattened page text: body paragraphs, title, date, outlet, captions, removals."""
    rules = line_rules()
    lines = read_lines(unwrap(markup), rules)
    title_at, lead_at = find_title_and_lead(lines)
    article = _Article(lines, [""] * len(lines), title_at, lead_at, rules.stopwords)
    _label_head(article)
    if lead_at is not None:
        _label_body(article, lead_at)
        _resolve_pending(article)
        _smooth(article)
    return _document(article, url)


def find_title_and_lead(lines: list[Line]) -> tuple[int | None, int | None]:
    """Indexes of the title line and of the lead paragraph (None, first paragraph when there is no title)."""
    best: tuple[int, int, int] | None = None  # mass, title, lead
    for index, line in enumerate(lines):
        if not _title_shaped(line):
            continue
        lead = _lead_after(lines, index)
        if lead is None:
            continue
        mass = _mass(lines, lead, lines[index].key)
        if mass >= LEAD_MIN_MASS:
            return index, lead
        if best is None or mass > best[0]:
            best = (mass, index, lead)
    if best:
        return best[1], best[2]
    first = next((index for index, line in enumerate(lines) if line.kind == PARAGRAPH), None)
    return None, first


def _title_shaped(line: Line) -> bool:
    # a long title, or one ending in a question mark or an initial ("… Cao Mỹ D."), is shaped like a paragraph
    return line.kind == HEADLINE or (line.kind == PARAGRAPH and line.words <= TITLE_MAX_WORDS)


def _lead_after(lines: list[Line], title: int) -> int | None:
    short_skipped = False
    only_byline_between = True  # nothing but dates, media residue and the title again so far
    for index in range(title + 1, min(title + 1 + TITLE_LOOKAHEAD, len(lines))):
        line = lines[index]
        if line.key == lines[title].key or line.kind == SLUG:
            continue
        if line.kind == PATTERN and line.reason in BETWEEN_TITLE_AND_LEAD:
            only_byline_between = only_byline_between and line.reason in ("timestamp", "media-player")
            continue
        if line.kind == PARAGRAPH or (only_byline_between and _unpunctuated_lead(lines, index, lines[title])):
            return index
        if line.kind == SHORT or (line.kind == HEADLINE and line.words <= 4 and not short_skipped):
            if line.kind == HEADLINE and line.words > lines[title].words:
                return None  # a section label over a short title, not a title over an author's name
            short_skipped = short_skipped or line.kind == HEADLINE  # a section label or an author
            only_byline_between = False
            continue
        return None
    return None


def _unpunctuated_lead(lines: list[Line], index: int, title: Line) -> bool:
    """A lead that lacks its final full stop: longer than the title, with a paragraph under it."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (
        line.kind == HEADLINE
        and line.words >= LEAD_MIN_WORDS
        and title.words >= UNPUNCTUATED_LEAD_MIN_TITLE_WORDS
        and title.reason != "banner"
        and line.words > title.words
        and not line.repeated
        and following is not None
        and following.kind == PARAGRAPH
    )


def _mass(lines: list[Line], lead: int, title_key: str) -> int:
    """Characters of paragraphs from a lead on, up to the first sign of a list of teasers."""
    mass = len(lines[lead].text)
    for line in lines[lead + 1 : lead + LEAD_MASS_WINDOW]:
        teaser_list = line.reason == "timestamp" or line.truncated
        if teaser_list or (line.kind == HEADLINE and line.repeated and line.key != title_key):
            break
        if line.kind == PARAGRAPH:
            mass += len(line.text)
    return mass


def _label_head(article: _Article) -> None:
    """Label what precedes the lead: chrome above the title, the title, bylines under it."""
    lines, labels = article.lines, article.labels
    start = article.lead_at if article.lead_at is not None else len(lines)
    title_at = article.title_at if article.title_at is not None else start
    for index in range(start):
        line = lines[index]
        if article.lead_at is None:
            labels[index] = line.reason or OUTSIDE
        elif index < title_at:
            labels[index] = "byline" if line.reason == "timestamp" else line.reason or "navigation"
        elif index == title_at:
            labels[index] = TITLE
        elif line.key == lines[title_at].key:
            labels[index] = "repeated-title"
        elif line.kind == SLUG:
            labels[index] = "slug"
        elif line.reason == "timestamp":
            labels[index] = "byline"
        elif line.reason == "author":
            labels[index] = AUTHOR
        elif line.reason == "caption":
            labels[index] = CAPTION
        else:
            labels[index] = line.reason or "navigation"


def _label_body(article: _Article, lead_at: int) -> None:
    """Read the lines from the lead on, in or out of blocks of other headlines, comments, ads."""
    lines, labels = article.lines, article.labels
    title_key = lines[article.title_at].key if article.title_at is not None else None
    title_slug = slug_key(lines[article.title_at].text) if article.title_at is not None else ""
    block: str | None = None  # the reason of the block being read; None inside the article
    cue_since_body = False
    after_image = False
    vocabulary = article.title_vocabulary()
    for index in range(lead_at, len(lines)):
        line = lines[index]
        image_before, after_image = after_image, False
        if line.kind == CUE:
            block, labels[index], cue_since_body = line.reason, line.reason, True
        elif line.key == title_key or line.kind == SLUG:
            labels[index] = "repeated-title" if line.key == title_key else "slug"
            after_image = True
        elif line.kind == PATTERN:
            labels[index] = _pattern_label(line, block, cue_since_body)
        elif image_before and block is None and len(line.text) <= CAPTION_MAX_CHARS:
            labels[index] = CAPTION
        elif block == COMMENTS:
            labels[index] = COMMENTS
        elif index == lead_at:
            labels[index] = BODY
            vocabulary |= article.vocabulary_of(index)
        elif block is None:
            if _opens_related_list(lines, index, title_slug):
                block = labels[index] = RELATED
            elif line.kind == PARAGRAPH and labels[index - 1] == PENDING and _teaser_under(article, index, vocabulary):
                # a list of other articles starts at that headline
                block = labels[index] = labels[index - 1] = RELATED
            elif line.kind == PARAGRAPH:
                labels[index], cue_since_body = BODY, False
                vocabulary |= article.vocabulary_of(index)
            else:
                labels[index] = PENDING
        elif line.kind == PARAGRAPH and _resumes_article(article, index, title_key, vocabulary):
            block, labels[index], cue_since_body = None, BODY, False
            vocabulary |= article.vocabulary_of(index)
        else:
            labels[index] = block


def _teaser_under(article: _Article, index: int, vocabulary: set[str]) -> bool:
    """A paragraph under a short line that is another article's teaser: cut short, or both off-topic
    and followed by no further paragraph (teasers alternate with headlines; sections run on)."""
    if article.lines[index].truncated:
        return True
    if article.cohesion(index, vocabulary) or article.cohesion(index - 1, vocabulary):
        return False
    following = article.lines[index + 1] if index + 1 < len(article.lines) else None
    return following is None or following.kind != PARAGRAPH


def _pattern_label(line: Line, block: str | None, cue_since_body: bool) -> str:
    reason = line.reason or OUTSIDE
    if reason == CAPTION:
        return CAPTION
    if reason == ATTRIBUTION:
        # the article's source line closes it, before any list of other headlines
        return ATTRIBUTION if not cue_since_body else block or RELATED
    if reason == AUTHOR and block is None:
        return AUTHOR
    if reason == "timestamp":
        return block or "byline"
    return reason


def _opens_related_list(lines: list[Line], index: int, title_slug: str) -> bool:
    line = lines[index]
    if line.kind == SLUG_PREFIXED:
        return True
    starts_like_slug = line.text[0].isascii() and line.text[0].islower()
    if title_slug and starts_like_slug and slug_key(line.text).startswith(title_slug + " "):
        return True
    if line.kind != HEADLINE:
        return False
    following = lines[index + 1 : index + 3]
    under_timestamp = any(other.reason == "timestamp" for other in following[:1]) or (
        len(following) == 2 and following[0].key == line.key and following[1].reason == "timestamp"
    )
    return line.repeated or under_timestamp


def _resumes_article(article: _Article, index: int, title_key: str | None, vocabulary: set[str]) -> bool:
    """Whether a paragraph inside a list of other headlines is the article again, not a teaser."""
    lines = article.lines
    line = lines[index]
    if line.truncated or lines[index - 1].reason == "timestamp":
        return False
    if split_outlet_prefix(line.text)[0] is not None:  # only an article's own lead carries the outlet prefix
        return False
    paragraphs = 1  # in a row from this one: a list of teasers has one per headline
    for other in lines[index + 1 : index + 1 + CONTEXT_LOOKAHEAD]:
        if other.kind == SLUG or other.key == title_key or (other.kind == PATTERN and other.reason in TRANSPARENT):
            continue
        if other.kind == PATTERN and other.reason in (ATTRIBUTION, AUTHOR):
            return True  # the article's source or author line closes it; teasers have none
        if other.kind != PARAGRAPH or other.repeated or paragraphs == RESUMING_RUN:
            break
        paragraphs += 1
    if paragraphs >= RESUMING_RUN:
        return True
    cohesion = article.cohesion(index, vocabulary)
    # paragraph after paragraph is text, not a list, when it is about the article; the last
    # paragraph of an article after an inline box only when it plainly continues the article
    return cohesion >= (MIN_COHESION if paragraphs > 1 else MIN_COHESION_ALONE)


def _resolve_pending(article: _Article) -> None:
    """Short lines inside the article: intertitles between body paragraphs stay, link lists and the rest go."""
    labels = article.labels
    count = len(labels)
    previous, following = [""] * count, [""] * count
    last = ""
    for index in range(count):
        previous[index] = last
        last = labels[index] if _neighbour(labels[index]) else last
    last = ""
    for index in range(count - 1, -1, -1):
        following[index] = last
        last = labels[index] if _neighbour(labels[index]) else last
    start = 0
    while start < count:
        if labels[start] != PENDING:
            start += 1
            continue
        end = start
        while end < count and labels[end] == PENDING:
            end += 1
        for index in range(start, end):
            if end - start >= LINK_LIST_MIN_LINES:
                labels[index] = RELATED
            elif previous[index] in KEPT and following[index] in KEPT:
                labels[index] = BODY
            else:
                labels[index] = _trailing_author(article, index) or "navigation"
        start = end


def _neighbour(label: str) -> bool:
    """Whether a line counts as a neighbour when deciding a short line (captions and alt text do not)."""
    return label not in (PENDING, CAPTION, "repeated-title", "slug", "")


def _trailing_author(article: _Article, index: int) -> str | None:
    """A name on its own line right after the last body paragraph is the author's byline."""
    line = article.lines[index]
    if index == 0 or article.labels[index - 1] not in KEPT or line.words > AUTHOR_MAX_WORDS:
        return None
    names = line.text.replace(" - ", " ").split()
    if any(char.isdigit() for char in line.text) or not all(name[0].isupper() for name in names):
        return None
    if index + 1 < len(article.lines) and article.labels[index + 1] in KEPT:
        return None
    return AUTHOR


def _smooth(article: _Article) -> None:
    """Keep the article to the densest region from the lead: the best-scoring prefix (and its source line)."""
    lines, labels = article.lines, article.labels
    score = best = 0.0
    end = article.lead_at or 0
    vocabulary = article.title_vocabulary()
    for index in range(article.lead_at or 0, len(lines)):
        weight = _weight(lines[index], labels[index])
        if labels[index] == BODY:
            # a paragraph that shares nothing with the article so far adds nothing to it
            if index != article.lead_at and article.cohesion(index, vocabulary) < MIN_COHESION:
                weight = UNRELATED_PARAGRAPH_WEIGHT
            vocabulary |= article.vocabulary_of(index)
        score += weight
        if score > best:
            best, end = score, index
    closing = True  # the article's source and author lines may follow an inline box of other headlines
    for index in range(end + 1, len(lines)):
        if labels[index] in (ATTRIBUTION, AUTHOR) and closing:
            continue
        if labels[index] in KEPT or labels[index] in (CAPTION, AUTHOR):
            closing = False
            labels[index] = OUTSIDE


def _weight(line: Line, label: str) -> float:
    if label == BODY:
        return 1.0 + min(len(line.text) / 200, 4.0)
    if label == ATTRIBUTION:
        return 0.5
    if label in (CAPTION, AUTHOR, "repeated-title", "slug"):
        return 0.0
    return -1.0 if line.kind == PARAGRAPH else -0.5


def _document(article: _Article, url: str | None) -> Document:
    lines, labels = article.lines, article.labels
    body: list[str] = []
    groups: list[tuple[str, list[str]]] = []  # removal reason, the lines removed together
    prefix_outlet = None
    for index, (line, label) in enumerate(zip(lines, labels)):
        if label in KEPT:
            text = line.text
            if not body:  # the lead: an outlet prefix on it names the outlet and leaves the body
                prefix_outlet, text = split_outlet_prefix(text)
                if prefix_outlet:
                    groups.append(("outlet-prefix", [line.text[: len(line.text) - len(text)].strip()]))
            body.append(text.strip())
        elif label != TITLE:  # captions and author lines too: they are kept apart, not in the body
            if groups and groups[-1][0] == label and labels[index - 1] == label:
                groups[-1][1].append(line.text)
            else:
                groups.append((label, [line.text]))
    removed = [Removal("\n".join(texts), reason) for reason, texts in groups]
    captions = [line.text for line, label in zip(lines, labels) if label == CAPTION]
    title = lines[article.title_at].text if article.title_at is not None else None
    # the byline sits under the title or just above it, never among the teasers further down
    header_start = max(0, (article.title_at or 0) - BYLINE_ABOVE_TITLE)
    header_end = article.lead_at + 1 if article.lead_at is not None else 0
    header = "\n".join(line.text for line in lines[header_start:header_end])
    published = find_published(header, url=url) if header or url else None
    text = "\n\n".join(body)
    return Document(
        text=text,
        url=url,
        outlet=_outlet(lines, url, prefix_outlet),
        title=title,
        authors=[_author_name(line) for line, label in zip(lines, labels) if label == AUTHOR],
        published=published.value if published else None,
        published_source=published.source if published else None,
        published_confidence=published.confidence if published else None,
        captions=captions,
        agencies=find_agencies("\n\n".join([text, *captions])) if text or captions else [],
        removed=removed,
    )


def _author_name(line: Line) -> str:
    if line.match and "name" in line.match.re.groupindex and line.match["name"]:
        return line.match["name"].strip()
    return line.text


def _outlet(lines: list[Line], url: str | None, prefix_outlet: str | None) -> str | None:
    """The outlet: from the URL, else the lead's prefix, else a "follow <site> on" line naming the site."""
    outlet = outlet_from_url(url) if url else None
    if outlet or prefix_outlet:
        return outlet or prefix_outlet
    for line in lines:
        site = line.match["site"] if line.match and "site" in line.match.re.groupindex else None
        if site and outlet_from_url(site):
            return outlet_from_url(site)
    return None
