"""Settings, declared once. Read from the environment (and a .env file), then injected.

Nothing here is built at import time: call ``Settings()`` where the application or a
command starts, and pass the object on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting policykg reads, with the environment variable that sets it.

    | setting | environment | default |
    |---|---|---|
    | data_dir | POLICYKG_DATA_DIR | ./var |
    | store | POLICYKG_STORE | embedded |
    | graph_file | POLICYKG_GRAPH_FILE | <data_dir>/policykg.graph |
    | neo4j_uri | NEO4J_URI | (unset: the local Neo4j, bolt://localhost:7687) |
    | neo4j_user | NEO4J_USER | neo4j |
    | neo4j_password | NEO4J_PASSWORD | policykg-local |
    | neo4j_database | NEO4J_DATABASE | neo4j |
    | host / port | POLICYKG_HOST / POLICYKG_PORT | 127.0.0.1 / 8000 |
    | workers | POLICYKG_WORKERS | 1 (API processes; more than one for the Neo4j store only) |
    | cors_origins | POLICYKG_CORS_ORIGINS | [] (JSON list) |
    | trusted_hosts | POLICYKG_TRUSTED_HOSTS | ["localhost", "127.0.0.1", "[::1]", "testserver"] (JSON list; "*" = any) |
    | api_key | POLICYKG_API_KEY | unset: the Cypher console needs no key |
    | max_body_bytes | POLICYKG_MAX_BODY_BYTES | 1048576 (larger request bodies answer 413) |
    | cypher_timeout_s | POLICYKG_CYPHER_TIMEOUT_S | 5 |
    | cypher_row_cap | POLICYKG_CYPHER_ROW_CAP | 1000 |
    | cypher_max_bytes | POLICYKG_CYPHER_MAX_BYTES | 2000000 (bytes of rows in one answer) |
    | cypher_max_query_chars | POLICYKG_CYPHER_MAX_QUERY_CHARS | 5000 |
    | cypher_max_nesting | POLICYKG_CYPHER_MAX_NESTING | 32 (bracket depth of a query) |
    | cypher_max_params_bytes | POLICYKG_CYPHER_MAX_PARAMS_BYTES | 65536 (JSON size of params) |
    | cypher_max_params_depth | POLICYKG_CYPHER_MAX_PARAMS_DEPTH | 16 |
    | cypher_max_concurrent | POLICYKG_CYPHER_MAX_CONCURRENT | 1 (console queries at once per API process; then 429) |
    | max_file_mb | POLICYKG_MAX_FILE_MB | 50 (larger files are refused unread; also caps extracted text, in M characters) |
    | max_expanded_mb | POLICYKG_MAX_EXPANDED_MB | 200 (a .docx unpacked, all members together) |
    | max_html_mb | POLICYKG_MAX_HTML_MB | 20 (larger web pages are not parsed) |
    | max_pdf_pages | POLICYKG_MAX_PDF_PAGES | 2000 |
    | lock_timeout_s | POLICYKG_LOCK_TIMEOUT_S | 600 (seconds a load waits for another one's graph-file lock) |
    | neo4j_connect_timeout_s | POLICYKG_NEO4J_CONNECT_TIMEOUT_S | 5 (seconds to open a connection, loads) |
    | neo4j_retry_s | POLICYKG_NEO4J_RETRY_S | 20 (seconds a load retries a transaction before giving up) |
    | api_store_timeout_s | POLICYKG_API_STORE_TIMEOUT_S | 1 (the API's connect timeout; it never retries) |
    """

    model_config = SettingsConfigDict(env_prefix="POLICYKG_", env_file=".env", extra="ignore")

    data_dir: Path = Path("var")
    store: Literal["embedded", "neo4j"] = "embedded"
    graph_file: Path | None = None
    neo4j_uri: str | None = Field(default=None, validation_alias=AliasChoices("NEO4J_URI", "POLICYKG_NEO4J_URI"))
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "POLICYKG_NEO4J_USER"))
    neo4j_password: str = Field(
        default="policykg-local", validation_alias=AliasChoices("NEO4J_PASSWORD", "POLICYKG_NEO4J_PASSWORD")
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "POLICYKG_NEO4J_DATABASE")
    )
    neo4j_local_port: int = 7687
    host: str = "127.0.0.1"
    port: int = 8000
    # API processes. One Python process answers one request's Python part at a time, so more
    # clients than cores queue on it; with Neo4j each worker is a small client of the same
    # database. The embedded store holds the graph in the process, so it always serves with one.
    workers: int = Field(default=1, ge=1, le=32)
    cors_origins: list[str] = []
    # Host header values answered; anything else is refused (DNS rebinding). "testserver" is the
    # name Starlette's test client sends: it resolves nowhere, so no page can be served under it.
    trusted_hosts: list[str] = ["localhost", "127.0.0.1", "[::1]", "testserver"]
    api_key: str | None = None
    max_body_bytes: int = 1 << 20
    cypher_timeout_s: float = 5.0
    cypher_row_cap: int = 1000
    cypher_max_bytes: int = 2_000_000
    cypher_max_query_chars: int = 5000
    cypher_max_nesting: int = 32
    cypher_max_params_bytes: int = 65_536
    cypher_max_params_depth: int = 16
    cypher_max_concurrent: int = 1
    max_file_mb: float = 50.0
    max_expanded_mb: float = 200.0
    max_html_mb: float = 20.0
    max_pdf_pages: int = 2000
    lock_timeout_s: float = 600.0
    neo4j_connect_timeout_s: float = 5.0
    neo4j_retry_s: float = 20.0
    api_store_timeout_s: float = 1.0

    def read_limits(self):
        """The ``ReadLimits`` of the loaders, from the max_* settings."""
        from .loaders.readers import MB, ReadLimits

        return ReadLimits(max_file_bytes=int(self.max_file_mb * MB), max_expanded_bytes=int(self.max_expanded_mb * MB),
                          max_html_bytes=int(self.max_html_mb * MB), max_pdf_pages=self.max_pdf_pages,
                          max_text_chars=int(self.max_file_mb * MB))

    @property
    def graph_path(self) -> Path:
        """Where the embedded store keeps its graph file."""
        return self.graph_file or self.data_dir / "policykg.graph"

    @property
    def neo4j_home(self) -> Path:
        """Where the local Neo4j keeps its jars, data and logs."""
        return self.data_dir / "neo4j"
