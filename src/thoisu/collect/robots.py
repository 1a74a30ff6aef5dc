"""robots.txt rules, read the way RFC 9309 says a crawler must."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser


def robots_rules(status: int, text: str) -> RobotFileParser:
    """The rules of a host from its robots.txt response.

    2xx: the file's rules. 4xx: no file, everything allowed. Anything else (5xx, or a redirect loop):
    everything disallowed, since the site may be down or refusing crawlers (RFC 9309, section 2.3.1).
    """
    rules = RobotFileParser()
    if 200 <= status < 300:
        rules.parse(text.splitlines())
    elif 400 <= status < 500:
        rules.allow_all = True
    else:
        rules.disallow_all = True
    return rules
