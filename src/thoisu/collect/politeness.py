"""How thoisu behaves toward the sites it fetches from: who it says it is, how fast and how often it asks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from thoisu import __version__

PROJECT_URL = "https://pypi.org/project/thoisu/"  # where a site owner reads what thoisu is; override with --contact


@dataclass(frozen=True)
class Politeness:
    """The limits a collection run keeps to; the defaults are what a site owner would expect of a polite crawler."""

    contact: str = PROJECT_URL  # a URL or mailto: a site owner can reach the person running the crawl at
    delay: float = 1.0  # seconds between the starts of two requests to one host (robots.txt Crawl-delay wins if longer)
    per_host: int = 1  # requests in flight to one host at a time
    concurrency: int = 8  # requests in flight in all
    timeout: float = 20.0  # seconds to connect, and between two reads of the response
    retries: int = 3  # further tries after a 5xx, a 429 or a timeout
    backoff: float = 2.0  # seconds before the first retry; doubled for each further one

    @property
    def user_agent(self) -> str:
        """The User-Agent header: names thoisu, its version and the contact."""
        return f"thoisu/{__version__} (+{self.contact}; Vietnamese news research crawler)"


@dataclass
class _Host:
    slots: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0


class HostGate:
    """Per-host pacing: at most ``per_host`` requests at once, their starts at least ``delay`` seconds apart."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self._hosts: dict[str, _Host] = {}

    @asynccontextmanager
    async def slot(self, host: str, delay: float) -> AsyncIterator[None]:
        """Wait for a free slot on ``host`` and for its next start time; hold the slot for the block."""
        state = self._hosts.setdefault(host, _Host(asyncio.Semaphore(self.per_host)))
        loop = asyncio.get_running_loop()
        async with state.slots:
            async with state.lock:
                wait = state.next_start - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                state.next_start = loop.time() + delay
            yield
