"""Render real VietNews articles into HTML pages laid out like Vietnamese news sites, with gold.

We have no saved HTML pages with a known clean body, so this script makes them: the
article text, title and image captions are real (VietNews, ``articles_5k.jsonl.gz``);
the page around them — header navigation with today's date, breadcrumbs, byline,
lead prefix, figures, inline "Tin liên quan" boxes, related lists with their own
timestamps, tags, a comments widget, footer — follows the layouts of six Vietnamese
outlets (modelled on them, not copied), plus one whose class names are hashes, so that
nothing can be recognised from them, and one on a stock WordPress theme, whose class names
are WordPress's own. The publication date is drawn at random and
stated the way that layout states it; two layouts state none (gold ``null``), one only
in the URL. Every number here comes from one seeded random generator, so the set is
reproducible.

Gold body = the lead (VietNews ``abstract``, the sapo) + the article (``article``),
detokenized (``_`` → space, spaces before punctuation removed), sentences grouped into
paragraphs of one to four sentences. The outlet prefix is not part of it; attribution
lines ("Theo TTXVN") are, as in ``tests/fixtures/clean/README.md``.

    python evaluation/html_pages/make_pages.py [--corpus PATH] [--out out/html_eval] [--pages 240]

writes ``OUT/pages/NNN.html`` and ``OUT/gold.jsonl`` (the format of ``thoisu eval clean``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape
from pathlib import Path

CORPUS = Path("/work/shared/data/corpus/vietnews/articles_5k.jsonl.gz")
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
# The crawl date: shown by site headers as "today" — never a publication date.
TODAY = datetime(2026, 11, 22, 8, 30)
SECTIONS = ("Thời sự", "Thế giới", "Pháp luật", "Kinh tế", "Xã hội", "Giáo dục", "Sức khỏe", "Thể thao")
ATTRIBUTIONS = (("Theo TTXVN", "TTXVN"), ("(Theo Reuters)", "Reuters"), ("Theo AFP", "AFP"), ("(Theo Tân Hoa Xã)", "Xinhua"))
COMMENTS = (
    ("Nguyễn Văn Hùng", "Cần xử lý nghiêm để làm gương cho những người khác, bài viết rất đúng."),
    ("Trần Thị Mai", "Mong cơ quan chức năng vào cuộc sớm và công khai kết quả cho người dân được biết."),
    ("Lê Minh", "Đọc xong thấy buồn, hy vọng những chuyện như thế này sẽ không lặp lại nữa."),
)


@dataclass
class Article:
    """One VietNews article, detokenized."""

    title: str
    lead: str
    paragraphs: list[str]
    captions: list[str]


def detokenize(text: str) -> str:
    """VietNews tokens back to running text: "phiên_toà , Huy “ nổ ”" → "phiên toà, Huy “nổ”"."""
    text = unicodedata.normalize("NFC", text.replace("_", " "))
    text = re.sub(r"\s+([,.;:!?%)\]”…])", r"\1", text)
    text = re.sub(r"([(\[“])\s+", r"\1", text)
    quotes = iter(range(10**6))
    text = re.sub(r'\s?"\s?', lambda m: ' "' if next(quotes) % 2 == 0 else '" ', text)
    return " ".join(text.split()).replace('( "', '("')


def load_articles(path: Path, rng: random.Random) -> list[Article]:
    """Every usable article of the corpus, its sentences grouped into paragraphs."""
    articles = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            sentences = [detokenize(s) for s in record["article"].split("\n") if s.strip()]
            if len(sentences) < 4 or not record["title"].strip():
                continue
            paragraphs = []
            while sentences:
                size = rng.randint(1, 4)
                paragraphs.append(" ".join(sentences[:size]))
                sentences = sentences[size:]
            captions = []
            for extra in record.get("extra") or []:
                for caption in (detokenize(c) for c in extra.split("\n") if c.strip()):
                    if captions and re.match(r"^\(?\s*(?:Ảnh|Nguồn)\b", caption):
                        captions[-1] += " " + caption
                    else:
                        captions.append(caption)
            articles.append(Article(detokenize(record["title"]), detokenize(record["abstract"]), paragraphs, captions))
    return articles


def slug(title: str) -> str:
    """An ASCII URL slug of a Vietnamese title."""
    ascii_title = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    ascii_title = "".join(c for c in ascii_title if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title))[:80]


class Layout:
    """What every layout shares: the page shell, related lists, comments, footer."""

    name = ""
    domain = ""
    outlet = ""
    prefix = ""  # the lead prefix as the outlet writes it, "" when none

    def __init__(self, rng: random.Random, others: list[Article]) -> None:
        self.rng = rng
        self.others = others

    def url(self, article: Article, when: datetime) -> str:
        """The article's URL on this site."""
        return f"https://{self.domain}/{slug(article.title)}-post{self.rng.randint(100000, 999999)}.html"

    def related(self, count: int, with_times: bool = True) -> list[tuple[str, str, str]]:
        """(headline, teaser, timestamp) of other articles."""
        picked = self.rng.sample(self.others, count)
        result = []
        for other in picked:
            moment = TODAY - timedelta(hours=self.rng.randint(1, 2000))
            stamp = moment.strftime("%d/%m/%Y %H:%M") if with_times else ""
            result.append((other.title, other.lead[:120].rsplit(" ", 1)[0] + "...", stamp))
        return result

    def link(self, title: str) -> str:
        """A link to another article on this site."""
        return f'<a href="https://{self.domain}/{slug(title)}-post{self.rng.randint(100000, 999999)}.html">{escape(title)}</a>'

    def caption_text(self, caption: str) -> str:
        """The caption as this layout prints it."""
        return caption

    def figure(self, caption: str) -> str:
        """An image with its caption."""
        return f'<figure class="image"><img src="https://cdn.{self.domain}/{self.rng.randint(1, 10**6)}.jpg" alt=""><figcaption>{escape(caption)}</figcaption></figure>'

    def inline_related(self) -> str:
        """An inline "Tin liên quan" box."""
        items = "".join(f"<li>{self.link(title)}</li>" for title, _, _ in self.related(self.rng.randint(2, 3)))
        return f'<div class="box-related"><h4>Tin liên quan</h4><ul>{items}</ul></div>'

    def comments(self) -> str:
        """A comments widget with a few reader comments."""
        shown = self.rng.sample(COMMENTS, self.rng.randint(1, 3))
        items = "".join(
            f'<div class="comment-item"><span class="user">{escape(name)}</span><p>{escape(text)}</p>'
            f'<span class="time">{TODAY.strftime("%H:%M %d/%m/%Y")}</span> <a href="#">Trả lời</a></div>'
            for name, text in shown
        )
        return f'<div id="comments" class="comments"><h3>Bình luận ({len(shown)})</h3><form><textarea placeholder="Nhập bình luận của bạn"></textarea><button>Gửi bình luận</button></form>{items}</div>'

    def nav(self) -> str:
        """The header navigation bar."""
        return "<nav class='menu'><ul>" + "".join(f"<li><a href='/{slug(s)}'>{s}</a></li>" for s in SECTIONS) + "</ul></nav>"

    def body(self, article: Article, captions: list[str], attribution: str | None) -> list[str]:
        """The article's paragraphs as <p>, figures and one inline related box mixed in."""
        parts = [f"<p>{escape(p)}</p>" for p in article.paragraphs]
        for caption in captions:
            parts.insert(self.rng.randint(1, len(parts)), self.figure(caption))
        parts.insert(self.rng.randint(1, len(parts)), self.inline_related())
        if attribution:
            parts.append(f'<p class="source"><strong>{escape(attribution)}</strong></p>')
        return parts

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        """The full page."""
        raise NotImplementedError


class TienPhongLike(Layout):
    """Meta article:published_time + byline with weekday and GMT+7; logo in an <h1>; header shows today."""

    name, domain, outlet, prefix = "tpo", "tienphong.vn", "Tiền Phong", "TPO - "

    def url(self, article: Article, when: datetime) -> str:
        return f"https://{self.domain}/{slug(article.title)}-post{self.rng.randint(1000000, 1999999)}.tpo"

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        assert when is not None
        iso = when.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        stamp = f"{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y %H:%M} (GMT+7)"
        hot = "".join(f'<li>{self.link(t)}<p class="sapo">{escape(s)}</p><time>{d}</time></li>' for t, s, d in self.related(5))
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{escape(article.title)} | Báo điện tử Tiền Phong</title>
<meta property="og:title" content="{escape(article.title)}"><meta property="og:site_name" content="Báo Tiền Phong">
<meta property="article:published_time" content="{iso}"><meta name="description" content="{escape(article.lead)}">
<link rel="canonical" href="{url}"></head><body>
<header class="site-header"><h1 class="logo"><a href="/">Tiền Phong</a></h1><div class="header__date">{WEEKDAYS[TODAY.weekday()]}, {TODAY:%d/%m/%Y}</div>
<div class="user"><a href="#">Đăng nhập</a> | <a href="#">Đăng ký</a></div>{self.nav()}</header>
<main><div class="breadcrumb"><a href="/">Trang chủ</a> » <a href="/the-gioi">{self.rng.choice(SECTIONS)}</a></div>
<article class="article"><h1 class="article__title">{escape(article.title)}</h1>
<div class="article__meta"><span class="author">{escape(self.rng.choice(("Hà My", "Minh Đức", "Thanh Hà")))}</span> <time class="time" datetime="{iso}">{stamp}</time></div>
<div class="article__sapo">{escape(lead)}</div>
<div class="article__body">{''.join(body)}</div>
<div class="article__tags">Tags: {''.join(f'<a href="#">{escape(t)}</a> ' for t in self.rng.sample(SECTIONS, 3))}</div>
</article>{self.comments()}
<section class="box-hot"><h3>MỚI - NÓNG</h3><ul>{hot}</ul></section></main>
<footer><p>Cơ quan chủ quản: Trung ương Đoàn TNCS Hồ Chí Minh. Tổng biên tập: Phùng Công Sưởng.</p><p>© Bản quyền thuộc Báo Tiền Phong</p></footer></body></html>"""


class DanTriLike(Layout):
    """JSON-LD NewsArticle datePublished; <time> byline; figures with <figcaption><p>; "Xem thêm" list."""

    name, domain, outlet, prefix = "dantri", "dantri.com.vn", "Dân trí", "(Dân trí) - "

    def url(self, article: Article, when: datetime) -> str:
        return f"https://{self.domain}/{slug(article.title)}-{when:%Y%m%d%H%M%S}{self.rng.randint(100, 999)}.htm"

    def figure(self, caption: str) -> str:
        return f'<figure class="image align-center"><img data-src="https://icdn.dantri.com.vn/{self.rng.randint(1, 10**6)}.jpg"><figcaption><p>{escape(caption)}</p></figcaption></figure>'

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        assert when is not None
        iso = when.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        ld = json.dumps(
            {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title, "datePublished": iso, "publisher": {"@type": "Organization", "name": "Báo điện tử Dân trí"}},
            ensure_ascii=False,
        )
        more = "".join(f"<li>{self.link(t)}</li>" for t, _, _ in self.related(4))
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)} | Báo Dân trí</title>
<script type="application/ld+json">{ld}</script></head><body>
<div class="header"><a class="logo" href="/">Dân trí</a>{self.nav()}<a href="#">Tin tức 24h</a></div>
<div class="container"><ul class="dt-breadcrumb"><li><a href="/">Dân trí</a></li><li><a href="#">{self.rng.choice(SECTIONS)}</a></li></ul>
<article class="singular-container"><h1 class="title-page detail">{escape(article.title)}</h1>
<div class="author-wrap"><div class="author-name"><a href="#"><b>{escape(self.rng.choice(("Nguyễn Dương", "Hải Long", "Quốc Anh")))}</b></a></div>
<time class="author-time" datetime="{when:%Y-%m-%d %H:%M}">{WEEKDAYS[when.weekday()]}, {when:%d/%m/%Y - %H:%M}</time></div>
<h2 class="singular-sapo">{escape(lead)}</h2><div class="singular-content">{''.join(body)}</div>
<div class="author-wrap"><b>{escape(self.rng.choice(("Nguyễn Dương", "Hải Long", "Quốc Anh")))}</b></div>
<div class="tags-container"><span>Từ khóa:</span> {''.join(f'<a class="tags-item" href="#">{escape(t)}</a>' for t in self.rng.sample(SECTIONS, 2))}</div>
</article><div class="article-related"><h3>Xem thêm</h3><ul>{more}</ul></div>{self.comments()}</div>
<div class="footer">Cơ quan chủ quản: Bộ Lao động - Thương binh và Xã hội. Giấy phép số 298/GP-BTTTT. © 2005-2026 Bản quyền thuộc về Báo điện tử Dân trí.</div></body></html>"""


class VnExpressLike(Layout):
    """Byline date only ("Thứ năm, 3/5/2018, 09:15 (GMT+7)"); captions in tplCaption tables; no lead prefix."""

    name, domain, outlet, prefix = "vnexpress", "vnexpress.net", "VnExpress", ""

    def url(self, article: Article, when: datetime) -> str:
        return f"https://{self.domain}/{slug(article.title)}-{self.rng.randint(3000000, 4999999)}.html"

    def figure(self, caption: str) -> str:
        return f'<table class="tplCaption" align="center"><tbody><tr><td><img src="https://i1-vnexpress.vnecdn.net/{self.rng.randint(1, 10**6)}.jpg" alt=""></td></tr><tr><td><p class="Image">{escape(caption)}</p></td></tr></tbody></table>'

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        assert when is not None
        stamp = f"{WEEKDAYS[when.weekday()].lower().capitalize()}, {when.day}/{when.month}/{when.year}, {when:%H:%M} (GMT+7)"
        body = [b.replace("<p>", '<p class="Normal">') for b in body]
        body.append(f'<p class="Normal" style="text-align:right;"><strong>{escape(self.rng.choice(("Phạm Dự", "Hải Hiền", "Quỳnh Trang")))}</strong></p>')
        most = "".join(f'<li><h3>{self.link(t)}</h3><p class="description">{escape(s)}</p></li>' for t, s, _ in self.related(5, False))
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)} - VnExpress</title>
<meta property="og:title" content="{escape(article.title)} - VnExpress"></head><body>
<header class="section top-header"><a class="logo" href="/">VnExpress</a><span class="time-now">{WEEKDAYS[TODAY.weekday()]}, {TODAY.day}/{TODAY.month}/{TODAY.year}</span>{self.nav()}</header>
<section class="section page-detail"><div class="container"><div class="sidebar-1"><div class="header-content"><ul class="breadcrumb"><li><a href="#">{self.rng.choice(SECTIONS)}</a></li></ul>
<span class="date">{stamp}</span></div><h1 class="title-detail">{escape(article.title)}</h1><p class="description">{escape(lead)}</p>
<article class="fck_detail">{''.join(body)}</article>
<div class="footer-content"><div class="box-tinlienquanv2"><h3>Xem nhiều</h3><ul>{most}</ul></div>{self.comments()}</div></div></div></section>
<footer class="footer"><p>Báo tiếng Việt nhiều người xem nhất. Thuộc Bộ Khoa học và Công nghệ. Số giấy phép: 548/GP-BTTTT.</p></footer></body></html>"""


class KinhTeDoThiLike(Layout):
    """No stated date anywhere; captions as an italic "Ảnh: …" paragraph under an image; "Đọc thêm" list with times."""

    name, domain, outlet, prefix = "kinhtedothi", "kinhtedothi.vn", "Kinh tế & Đô thị", "Kinhtedothi - "

    def caption_text(self, caption: str) -> str:
        if re.search(r"Ảnh\s*:", caption):
            return caption
        return f"{caption} Ảnh: {self.rng.choice(('Hải Linh', 'Ngọc Tú', 'Minh Châu'))}"

    def figure(self, caption: str) -> str:
        return f'<p style="text-align:center"><img src="https://kinhtedothi.vn/stores/news_dataimages/{self.rng.randint(1, 10**6)}.jpg"></p><p style="text-align:center"><em>{escape(caption)}</em></p>'

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        more = "".join(f'<li>{self.link(t)}<span class="time">{d}</span></li>' for t, _, d in self.related(4))
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)}</title></head><body>
<div class="top-bar"><span>Mừng Đảng mừng Xuân 2026</span> <a href="#">Đăng ký mua gói ấn phẩm</a>|<a href="#">Đăng nhập</a></div>
<div class="header"><img alt="Logo" src="/logo.png"><div class="today">{WEEKDAYS[TODAY.weekday()]}, {TODAY:%d/%m/%Y}</div>{self.nav()}</div>
<div class="main"><div class="detail"><h1 class="detail-title">{escape(article.title)}</h1>
<div class="detail-sapo"><strong>{escape(lead)}</strong></div><div class="detail-content">{''.join(body)}</div>
<p class="follow">Theo dõi Kinhtedothi.vn trên <a href="#">Google News</a></p>
<div class="related-news"><h3>Đọc thêm</h3><ul>{more}</ul></div></div></div>
<div class="footer">Báo Kinh tế &amp; Đô thị - Cơ quan của Thành ủy Hà Nội. Giấy phép số 170/GP-BTTTT.</div></body></html>"""


class VovLike(Layout):
    """<time datetime> in the byline, no meta date; "VOV.VN - " prefix; "Tin liên quan" box; tags."""

    name, domain, outlet, prefix = "vov", "vov.vn", "VOV", "VOV.VN - "

    def url(self, article: Article, when: datetime) -> str:
        return f"https://{self.domain}/{slug(article.title)}-post{self.rng.randint(100000, 999999)}.vov"

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        assert when is not None
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)} | VOV.VN</title>
<meta property="og:title" content="{escape(article.title)}"><meta property="og:site_name" content="VOV.VN"></head><body>
<div id="header"><a href="/" class="logo">VOV.VN</a>{self.nav()}<a href="#">VOV1</a> <a href="#">VOV2</a> <a href="#">VOVTV</a></div>
<div class="row"><div class="col-main"><div class="breadcrumb"><a href="#">{self.rng.choice(SECTIONS)}</a></div>
<div class="article-content"><h1 class="article-title">{escape(article.title)}</h1>
<div class="article-meta"><time datetime="{when:%Y-%m-%dT%H:%M:%S}">{when:%H:%M, %d/%m/%Y}</time></div>
<div class="article-summary"><p>{escape(lead)}</p></div><div class="text-long">{''.join(body)}</div>
<div class="article-author">{escape(self.rng.choice(("Thu Hằng/VOV.VN", "Đức Tuấn/VOV-Tây Nam Bộ")))}</div>
<div class="tags"><span>Từ khóa:</span> {''.join(f'<a href="#">{escape(t)}</a> ' for t in self.rng.sample(SECTIONS, 3))}</div></div></div>
<div class="col-side"><h3>Đọc nhiều</h3><ul>{''.join(f'<li>{self.link(t)}</li>' for t, _, _ in self.related(5))}</ul></div></div>
<div id="footer">Cơ quan chủ quản: Đài Tiếng nói Việt Nam. © Bản quyền thuộc về VOV.VN</div></body></html>"""


class PloLike(Layout):
    """A relative byline ("3 giờ trước"); the date only in the URL path (or nowhere); "(PLO)- " prefix."""

    name, domain, outlet, prefix = "plo", "plo.vn", "Pháp Luật TP.HCM", "(PLO)- "

    def url(self, article: Article, when: datetime) -> str:
        dated = self.rng.random() < 0.6
        path = f"{when:%Y/%m/%d}/" if dated else ""
        return f"https://{self.domain}/{path}{slug(article.title)}-{self.rng.randint(100000, 999999)}.html"

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)} - Báo Pháp Luật TP.HCM</title>
<meta property="og:title" content="{escape(article.title)}"></head><body>
<header><div class="logo"><a href="/">Pháp Luật</a></div>{self.nav()}</header>
<div class="main-col"><div class="article__header"><div class="breadcrumbs"><a href="#">{self.rng.choice(SECTIONS)}</a></div>
<h1 class="article__title">{escape(article.title)}</h1><div class="article__meta"><span class="time">{self.rng.randint(2, 11)} giờ trước</span></div></div>
<div class="article__sapo">{escape(lead)}</div><div class="article__body">{''.join(body)}</div>
<div class="article__author"><strong>{escape(self.rng.choice(("Tú Uyên", "Hoàng Yến", "Việt Hà")))}</strong></div>
<div class="related"><h3>Cùng chuyên mục</h3>{''.join(f'<div class="story">{self.link(t)}<p>{escape(s)}</p></div>' for t, s, _ in self.related(4))}</div></div>
<footer>Cơ quan chủ quản: Thành ủy TP.HCM. Bản quyền © Báo Pháp Luật TP.HCM</footer></body></html>"""


class HashedClassLike(Layout):
    """A script-built site whose class names are hashes: no class says what a box is.

    Only tags and text carry meaning: the byline is a plain line under the title, the
    related box and the comments are recognised (or not) by their headers.
    """

    name, domain, outlet, prefix = "hashed", "nld.com.vn", "Người Lao Động", "(NLĐO) - "

    def css(self) -> str:
        """A hashed class name."""
        return "c" + "".join(self.rng.choice("0123456789abcdef") for _ in range(6))

    def url(self, article: Article, when: datetime) -> str:
        return f"https://{self.domain}/{slug(article.title)}-196{when:%y%m%d%H%M%S}{self.rng.randint(100, 999)}.htm"

    def inline_related(self) -> str:
        items = "".join(f'<li class="{self.css()}">{self.link(t)}</li>' for t, _, _ in self.related(self.rng.randint(2, 3)))
        return f'<div class="{self.css()}"><div class="{self.css()}">Tin liên quan</div><ul class="{self.css()}">{items}</ul></div>'

    def figure(self, caption: str) -> str:
        return f'<figure class="{self.css()}"><img src="https://nld.mediacdn.vn/{self.rng.randint(1, 10**6)}.jpg"><figcaption class="{self.css()}">{escape(caption)}</figcaption></figure>'

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        assert when is not None
        stamp = f"{when:%d/%m/%Y %H:%M}"
        more = "".join(f'<div class="{self.css()}">{self.link(t)}<span class="{self.css()}">{d}</span></div>' for t, _, d in self.related(4))
        comments = "".join(f'<div class="{self.css()}"><b>{escape(n)}</b><p>{escape(c)}</p></div>' for n, c in self.rng.sample(COMMENTS, 2))
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(article.title)}</title></head><body>
<div class="{self.css()}"><a href="/">NLĐO</a><div class="{self.css()}">{''.join(f'<a href="#">{s}</a>' for s in SECTIONS)}</div></div>
<div class="{self.css()}"><div class="{self.css()}"><h1 class="{self.css()}">{escape(article.title)}</h1>
<div class="{self.css()}"><span class="{self.css()}">{escape(self.rng.choice(("Ngọc Trinh", "Lê Phong", "Hoàng Triều")))}</span><span class="{self.css()}">{stamp}</span></div>
<div class="{self.css()}"><p><strong>{escape(lead)}</strong></p>{''.join(body)}</div>
<div class="{self.css()}"><div class="{self.css()}">Có thể bạn quan tâm</div>{more}</div>
<div class="{self.css()}"><div class="{self.css()}">Bình luận (2)</div>{comments}</div></div></div>
<div class="{self.css()}">Cơ quan chủ quản: Thành ủy TP.HCM. © Báo Người Lao Động</div></body></html>"""


class WordPressLike(Layout):
    """A small outlet on a stock WordPress theme (markup of the Twenty* themes, Jetpack, Yoast).

    Its class names are WordPress's, not chosen for this set: entry-content, wp-caption,
    jp-relatedposts, sharedaddy, comments-area, posted-on; the outlet is not in outlets.tsv.
    """

    name, domain, outlet, prefix = "wordpress", "tintucdiaphuong.vn", "Tin tức Địa phương", ""

    def url(self, article: Article, when: datetime) -> str:
        return f"https://{self.domain}/{slug(article.title)}/"

    def figure(self, caption: str) -> str:
        width = self.rng.choice((640, 800, 1024))
        return f'<figure class="wp-caption aligncenter" style="width: {width}px"><img class="size-large wp-image-{self.rng.randint(100, 9999)}" src="https://{self.domain}/wp-content/uploads/{self.rng.randint(1, 10**6)}.jpg"><figcaption class="wp-caption-text">{escape(caption)}</figcaption></figure>'

    def inline_related(self) -> str:
        items = "".join(f"<li>{self.link(t)}</li>" for t, _, _ in self.related(self.rng.randint(2, 3)))
        return f"<p><strong>Xem thêm:</strong></p><ul>{items}</ul>"

    def page(self, article: Article, when: datetime | None, url: str, lead: str, body: list[str]) -> str:
        assert when is not None
        iso = when.strftime("%Y-%m-%dT%H:%M:%S+07:00")
        updated = (when + timedelta(hours=self.rng.randint(1, 48))).strftime("%Y-%m-%dT%H:%M:%S+07:00")
        yoast = f'<meta property="article:published_time" content="{iso}">' if self.rng.random() < 0.5 else ""
        related = "".join(f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title">{self.link(t)}</h4><p class="jp-relatedposts-post-date">{d}</p></div>' for t, _, d in self.related(3))
        return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="UTF-8"><title>{escape(article.title)} &#8211; Tin tức Địa phương</title>
<meta property="og:site_name" content="Tin tức Địa phương"><meta property="og:title" content="{escape(article.title)}">{yoast}</head>
<body class="post-template-default single single-post"><div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Tin tức Địa phương</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">{''.join(f'<li class="menu-item"><a href="#">{s}</a></li>' for s in SECTIONS)}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry"><header class="entry-header"><h1 class="entry-title">{escape(article.title)}</h1>
<div class="entry-meta"><span class="posted-on">Đăng ngày <a href="{url}" rel="bookmark"><time class="entry-date published" datetime="{iso}">{when:%d/%m/%Y}</time><time class="updated" datetime="{updated}">{when:%d/%m/%Y}</time></a></span><span class="byline"> bởi <span class="author vcard"><a class="url fn n" href="#">{escape(self.rng.choice(("Quang Huy", "Bích Ngọc")))}</a></span></span></div></header>
<div class="entry-content"><p><strong>{escape(lead)}</strong></p>{''.join(body)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3><ul><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Bài viết liên quan</em></h3>{related}</div></div>
<footer class="entry-footer"><span class="cat-links">Chuyên mục <a href="#">{self.rng.choice(SECTIONS)}</a></span><span class="tags-links">Thẻ <a href="#">{self.rng.choice(SECTIONS)}</a></span></footer></article>
<nav class="navigation post-navigation"><h2 class="screen-reader-text">Điều hướng bài viết</h2><div class="nav-links"><div class="nav-previous">{self.link(self.related(1)[0][0])}</div><div class="nav-next">{self.link(self.related(1)[0][0])}</div></div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Trả lời</h3><form class="comment-form"><p class="comment-notes">Email của bạn sẽ không được hiển thị công khai.</p><textarea></textarea><input type="submit" value="Phản hồi"></form></div></div>
</main></div></div><footer id="colophon" class="site-footer"><div class="site-info">Vận hành bởi WordPress</div></footer></div></body></html>"""


LAYOUTS = (TienPhongLike, DanTriLike, VnExpressLike, KinhTeDoThiLike, VovLike, PloLike, HashedClassLike, WordPressLike)


def make_page(layout: Layout, article: Article, rng: random.Random) -> tuple[str, dict]:
    """One page and its gold line."""
    when = datetime(2017, 1, 1) + timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
    when = when.replace(second=0)
    url = layout.url(article, when)
    captions = [layout.caption_text(c) for c in article.captions[: rng.randint(0, 2)]]
    attribution = rng.choice(ATTRIBUTIONS) if rng.random() < 0.3 else None
    lead = layout.prefix + article.lead
    body = layout.body(article, captions, attribution[0] if attribution else None)
    html = layout.page(article, when, url, lead, body)
    published = {
        "tpo": when.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "dantri": when.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "vnexpress": when.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "vov": when.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "hashed": when.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "wordpress": when.strftime("%Y-%m-%dT%H:%M:%S+07:00"),
        "kinhtedothi": None,
        "plo": when.strftime("%Y-%m-%d") if f"/{when:%Y/%m/%d}/" in url else None,
    }[layout.name]
    paragraphs = [article.lead, *article.paragraphs] + ([attribution[0]] if attribution else [])
    gold = {
        "kind": "html",
        "url": url,
        "layout": layout.name,
        "title": article.title,
        "published": published,
        "outlet": layout.outlet,
        "captions": captions,
        "text": "\n\n".join(paragraphs),
    }
    if attribution:
        gold["agencies"] = [attribution[1]]
    return html, gold


def main() -> None:
    """Write the pages and the gold file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[2] / "out" / "html_eval")
    parser.add_argument("--pages", type=int, default=240)  # 30 per layout
    parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = load_articles(args.corpus, rng)
    rng.shuffle(articles)
    chosen, others = articles[: args.pages], articles[args.pages :]
    (args.out / "pages").mkdir(parents=True, exist_ok=True)
    for stale in (args.out / "pages").glob("*.html"):
        stale.unlink()
    with open(args.out / "gold.jsonl", "w", encoding="utf-8") as gold_file:
        for number, article in enumerate(chosen):
            layout = LAYOUTS[number % len(LAYOUTS)](rng, others)
            html, gold = make_page(layout, article, rng)
            name = f"pages/{number:03d}_{layout.name}.html"
            (args.out / name).write_text(html, encoding="utf-8")
            gold_file.write(json.dumps({"source": name, **gold}, ensure_ascii=False) + "\n")
    print(f"wrote {len(chosen)} pages and {args.out / 'gold.jsonl'}")


if __name__ == "__main__":
    main()
