"""The FastAPI application: routers under /api/v1, the web page at /, one error shape."""

from __future__ import annotations

import gc
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from policykg import __version__
from policykg.graph.query_service import QueryService
from policykg.settings import Settings

from .errors import ERROR_RESPONSES, install_error_handlers
from .routers import (
    beneficiaries,
    clauses,
    compare,
    cypher,
    departments,
    graph,
    health,
    instruments,
    policies,
    search,
)

API_PREFIX = "/api/v1"


def create_app(settings: Settings | None = None, opened=None) -> FastAPI:
    """Build the app. ``opened`` is an ``OpenStore`` (policykg.stores); by default the
    store named by the settings is opened, and the embedded store loads the bundled
    corpus on first use."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = opened is None
        current = opened
        if own:
            from policykg.stores import open_store

            current = open_store(settings, purpose="api")
            if current.name == "embedded":
                ensure_loaded(current.store)
        attach(app, settings, current)
        if own and current.name == "embedded":
            settle_in_memory(app.state.service)
        try:
            yield
        finally:
            if own:
                current.close()

    app = FastAPI(
        title="policykg",
        version=__version__,
        description="A knowledge graph of Chinese science-and-technology-transfer policies: "
        "which bureau owns which incentive, for whom, in which city.",
        lifespan=lifespan,
    )
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["*"])
    install_error_handlers(app)
    for module in (health, policies, clauses, departments, instruments, compare, beneficiaries, search, graph, cypher):
        app.include_router(module.router, prefix=API_PREFIX, responses=ERROR_RESPONSES,
                           dependencies=[Depends(health.store_available)])
    mount_web(app)
    if opened is not None:
        attach(app, settings, opened)
    return app


def attach(app: FastAPI, settings: Settings, opened) -> None:
    """Put the store, query service and (for Neo4j) the Cypher console on the app."""
    from policykg.graph.cypher_console import CypherConsole

    app.state.settings = settings
    app.state.opened = opened
    # the embedded store lives in this process, so nothing else writes it: cache until told
    cache_seconds = None if opened.name == "embedded" else settings.neo4j_cache_s
    app.state.service = QueryService(opened.store, opened.name, __version__, cache_seconds=cache_seconds)
    app.state.cypher_console = (
        CypherConsole(opened.driver, settings.neo4j_database, settings.cypher_timeout_s, settings.cypher_row_cap)
        if opened.driver is not None else None
    )


def settle_in_memory(service: QueryService) -> None:
    """Ready a server whose graph lives in this process (the embedded store) for requests.

    The graph is millions of objects. The cached instrument join is built now rather than in
    the first request, then everything is taken out of the garbage collector's reach: a full
    collection would otherwise walk it all (about 3 s at 10,000 policies) in the middle of
    whichever request happened to trigger it.
    """
    service.instrument_rows()
    gc.collect()
    gc.freeze()


def ensure_loaded(store) -> None:
    """Load the bundled corpus into an empty store (first use of the embedded default)."""
    if store.all_policies():
        return
    from policykg.corpus import bundled_paths
    from policykg.loading import load_paths

    load_paths(store, bundled_paths())
    store.save()


def mount_web(app: FastAPI) -> None:
    """Serve the web explorer at / and its assets (vis-network from pyvis) under /static."""
    from policykg.web.assets import static_dir, vis_network_dir

    static = static_dir()
    if not (static / "index.html").exists():
        return
    app.mount("/static/vendor", StaticFiles(directory=vis_network_dir()), name="vendor")
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8")
