"""Opening a graph store from the settings. The Neo4j driver is created here, once."""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from .graph.embedded_store import EmbeddedStore
from .graph.neo4j_store import Neo4jStore
from .graph.store import GraphStore
from .settings import Settings


@dataclass
class OpenStore:
    """A store and, for Neo4j, the driver it uses (closed together)."""

    name: str
    store: GraphStore
    driver: neo4j.Driver | None = None

    def close(self) -> None:
        self.store.close()
        if self.driver is not None:
            self.driver.close()


def neo4j_uri(settings: Settings) -> str:
    """The configured Neo4j, or the local one `policykg neo4j start` runs."""
    return settings.neo4j_uri or f"bolt://localhost:{settings.neo4j_local_port}"


def open_store(settings: Settings, kind: str | None = None) -> OpenStore:
    """Open the embedded store (default) or Neo4j, as the settings say."""
    kind = kind or settings.store
    if kind == "embedded":
        settings.graph_path.parent.mkdir(parents=True, exist_ok=True)
        return OpenStore("embedded", EmbeddedStore.open(settings.graph_path))
    driver = neo4j.GraphDatabase.driver(
        neo4j_uri(settings), auth=(settings.neo4j_user, settings.neo4j_password),
        connection_acquisition_timeout=10, max_connection_lifetime=300,
    )
    store = Neo4jStore(driver, database=settings.neo4j_database)
    return OpenStore("neo4j", store, driver)
