"""Exports streamed to the client while they are written, the store read in one worker thread from start to end."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import anyio
import anyio.from_thread
import anyio.to_thread


class _ChannelStream:
    """A text stream whose writes are sent, from the worker thread, to the response being streamed."""

    def __init__(self, send: Callable[[str], object]) -> None:
        self._send = send

    def write(self, text: str) -> int:
        anyio.from_thread.run(self._send, text)
        return len(text)


async def stream_writer(write: Callable[[_ChannelStream], object]) -> AsyncIterator[bytes]:
    """Run ``write(stream)`` in a worker thread and yield what it writes, as UTF-8, as soon as it is written."""
    send, receive = anyio.create_memory_object_stream[str](16)

    async def produce() -> None:
        async with send:
            try:
                await anyio.to_thread.run_sync(write, _ChannelStream(send.send))
            except anyio.BrokenResourceError:
                pass  # the client stopped reading; the writer was stopped by its next write

    async with anyio.create_task_group() as group:
        group.start_soon(produce)
        async with receive:
            async for text in receive:
                yield text.encode("utf-8")
