"""robots.txt rules, read the way RFC 9309 says a crawler must."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser


def robots_rules(status: int | None, text: str) -> RobotFileParser:
    """The rules of a host from its robots.txt response (``status`` None: the host could not be reached).

    2xx: the file's rules. 4xx: no file, everything allowed. 5xx or unreachable: everything disallowed,
    since the site may be down or refusing crawlers (RFC 9309, section 2.3.1).
    """
    rules = RobotFileParser()
    if status is not None and 200 <= status < 300:
        rules.parse(text.splitlines())
    elif status is not None and 400 <= status < 500:
        rules.allow_all = True
    else:
        rules.disallow_all = True
    return rules
