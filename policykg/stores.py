"""Opening a graph store from the settings. The Neo4j driver is created here, once.

A load and the API want different things from the driver when Neo4j is away: a load
retries a transaction for ``neo4j_retry_s`` (Neo4j restarting, deadlocks between
concurrent loads) and then gives up with a message; the API answers 503 at once
(``api_store_timeout_s`` for connecting, no retries) and checks, at most once a second,
that Neo4j answers at all (``OpenStore.available``).
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .graph.embedded_store import EmbeddedStore, GraphFileError
from .graph.store import GraphStore, StoreUnavailable
from .settings import Settings

if TYPE_CHECKING:
    import neo4j

# The Neo4j driver (about 30 MB) is imported where a Neo4j store is opened, not by a process
# serving the embedded store.

Purpose = Literal["load", "api"]
LIVENESS_CACHE_S = 1.0  # how long the API trusts one answer of its liveness check


@dataclass
class OpenStore:
    """A store and, for Neo4j, the driver it uses (closed together)."""

    name: str
    store: GraphStore
    driver: neo4j.Driver | None = None
    database: str = "neo4j"
    liveness_cache_s: float = LIVENESS_CACHE_S
    _checked: tuple[float, bool] = (float("-inf"), True)
    _probe: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def close(self) -> None:
        self.store.close()
        if self.driver is not None:
            self.driver.close()

    def known_available(self) -> bool | None:
        """The last liveness answer while it is fresh (never waits), else None: ``available`` then asks."""
        if self.driver is None:
            return True
        at, ok = self._checked
        return ok if time.monotonic() - at < self.liveness_cache_s else None

    def available(self) -> bool:
        """Whether the store answers (Neo4j: ``RETURN 1``, the answer reused for a second)."""
        if self.driver is None:
            return True
        with self._probe:  # one probe at a time; requests arriving meanwhile reuse its answer
            known = self.known_available()
            if known is not None:
                return known
            from neo4j import RoutingControl
            from neo4j.exceptions import ServiceUnavailable, SessionExpired

            try:
                self.driver.execute_query("RETURN 1", database_=self.database, routing_=RoutingControl.READ)
                ok = True
            except (ServiceUnavailable, SessionExpired, OSError):
                ok = False
            self._checked = (time.monotonic(), ok)
            return ok


def neo4j_uri(settings: Settings) -> str:
    """The configured Neo4j, or the local one `policykg neo4j start` runs."""
    return settings.neo4j_uri or f"bolt://localhost:{settings.neo4j_local_port}"


def driver_options(settings: Settings, purpose: Purpose = "load") -> dict[str, float]:
    """Driver timeouts: a load waits ``neo4j_retry_s`` for Neo4j, the API not at all."""
    if purpose == "api":
        timeout = settings.api_store_timeout_s
        # no retries (a request fails at once and the next one finds Neo4j again); idle pooled
        # connections are checked before use, so a restarted Neo4j costs no failed request
        return {"connection_timeout": timeout, "connection_acquisition_timeout": timeout,
                "max_transaction_retry_time": 0.0, "liveness_check_timeout": timeout}
    # the driver sleeps before each retry, 0.5 s growing by half each time (instead of 1 s doubling),
    # so the last sleep overshoots the retry time by a third of it at most, not by all of it
    return {"connection_timeout": settings.neo4j_connect_timeout_s,
            "connection_acquisition_timeout": settings.neo4j_connect_timeout_s + settings.neo4j_retry_s,
            "max_transaction_retry_time": settings.neo4j_retry_s,
            "initial_retry_delay": 0.5, "retry_delay_multiplier": 1.5}


def open_store(settings: Settings, kind: str | None = None, purpose: Purpose = "load") -> OpenStore:
    """Open the embedded store (default) or Neo4j, as the settings say; ``purpose`` picks the
    driver's timeouts (``driver_options``)."""
    kind = kind or settings.store
    if kind == "embedded":
        settings.graph_path.parent.mkdir(parents=True, exist_ok=True)
        return OpenStore("embedded", EmbeddedStore.open(settings.graph_path, lock_timeout=settings.lock_timeout_s))
    import neo4j

    from .graph.neo4j_store import Neo4jStore

    driver = neo4j.GraphDatabase.driver(
        neo4j_uri(settings), auth=(settings.neo4j_user, settings.neo4j_password),
        max_connection_lifetime=300, **driver_options(settings, purpose),
    )
    store = Neo4jStore(driver, database=settings.neo4j_database)
    return OpenStore("neo4j", store, driver, database=settings.neo4j_database)


def unavailable_message(err: BaseException, settings: Settings | None = None) -> str | None:
    """What to tell the user when ``err`` means the store cannot be used now; None for other errors."""
    if isinstance(err, (StoreUnavailable, GraphFileError)):
        return str(err)
    if "neo4j" not in sys.modules:
        return None  # no Neo4j driver in this process: no error of it
    from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

    if isinstance(err, AuthError):
        return (f"Neo4j refused the user name or password ({err.message}). Check NEO4J_USER and NEO4J_PASSWORD, "
                "then run the command again.")
    if isinstance(err, (ServiceUnavailable, SessionExpired)):
        where = neo4j_uri(settings) if settings is not None else "NEO4J_URI"
        return (f"Neo4j at {where} is unreachable ({str(err).splitlines()[0]}). Start it with "
                "`policykg neo4j start` or check NEO4J_URI, then run the command again: a load "
                "skips the policies already written and completes the rest.")
    return None
