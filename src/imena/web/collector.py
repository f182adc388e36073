"""Python's cycle collector kept from stopping a served process for a tenth of a second at a time.

Name search fills caches of names, readings and scores: a few hundred thousand small objects that live as
long as the process and hold no garbage. Each full pass of the collector walks all of them (50-170 ms on
the benchmark's million-entry registry, every seventy searches or so), and stops every request the process
is serving. So after each request the objects then alive are put out of the collector's sight
(`gc.freeze`, which costs nothing); as some of them may since have become garbage that only the collector
frees (reference cycles), they are handed back to it and collected once every `THAW_EVERY` requests.
"""

from __future__ import annotations

import gc
from typing import Any

THAW_EVERY = 10_000


class QuietCollector:
    """ASGI middleware: the collector's passes over long-lived objects moved out of the requests' way."""

    def __init__(self, app: Any, thaw_every: int = THAW_EVERY) -> None:
        self.app = app
        self.thaw_every = thaw_every
        self.served = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        finally:
            if scope["type"] == "http":
                self.served += 1
                if self.served % self.thaw_every == 0:
                    gc.unfreeze()
                    gc.collect()
                gc.freeze()
