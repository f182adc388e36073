"""The served application keeps Python's cycle collector from walking long-lived objects on every full pass,
and still frees reference cycles that died meanwhile, at the thaw."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from imena.web.app import served_app
from imena.web.collector import QuietCollector
from tests.webdata import build_registry


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


async def _page(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _request(app: QuietCollector) -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        pass

    asyncio.run(app({"type": "http", "path": "/"}, receive, send))


def test_objects_alive_after_a_request_are_out_of_the_collectors_sight_until_the_thaw() -> None:
    app = QuietCollector(_page, thaw_every=3)
    cycle = _Cycle()
    dead = weakref.ref(cycle)
    _request(app)
    assert gc.get_freeze_count() > 0
    del cycle  # garbage now, which only the collector can free
    gc.collect()
    assert dead() is not None, "a frozen object is left alone by the collector"
    _request(app)
    assert dead() is not None
    _request(app)  # the third: thawed and collected
    assert dead() is None


def test_a_failing_request_is_counted_too() -> None:
    async def failing(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("broken")

    app = QuietCollector(failing, thaw_every=2)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            _request(app)
    assert app.served == 2


def test_imena_serve_runs_the_app_with_the_quiet_collector(tmp_path: Path) -> None:
    client = TestClient(served_app(build_registry(f"sqlite:///{tmp_path / 'web.db'}", tmp_path)))
    assert gc.get_freeze_count() == 0
    assert client.get("/api/search", params={"q": "Шевченко"}).status_code == 200
    assert gc.get_freeze_count() > 0
