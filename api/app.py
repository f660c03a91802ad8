"""The FastAPI application: routers under /api/v1, the web page at /, one error shape."""

from __future__ import annotations

import gc
import threading
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Security
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from policykg import __version__
from policykg.graph import schema as S
from policykg.graph.query_service import QueryService
from policykg.graph.research import ResearchService
from policykg.settings import Settings

from .deps import reject_unknown_query, require_api_key
from .errors import CONSOLE_RESPONSES, ERROR_RESPONSES, install_error_handlers
from .middleware import BodyLimitMiddleware, TrustedHostMiddleware
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
    regions,
    research,
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
        if own:
            warm_search_analyzer()
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
        docs_url=None,  # served by mount_docs from local files, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings  # read by the API-key check, before or without a store
    # the last added runs first: the Host check before anything else
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["*"])
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, trusted_hosts=settings.trusted_hosts)
    install_error_handlers(app)
    # every endpoint first checks that the store answers (Neo4j down: 503 at once)
    available = Depends(health.store_available)
    for module in (health, policies, clauses, departments, instruments, compare, beneficiaries, search, graph,
                   research, regions):
        app.include_router(module.router, prefix=API_PREFIX, responses=ERROR_RESPONSES,
                           dependencies=[Depends(reject_unknown_query), available])
    # with POLICYKG_API_KEY set the console needs the key (and the OpenAPI document says so)
    key = [Security(require_api_key)] if settings.api_key else []
    app.include_router(cypher.router, prefix=API_PREFIX, responses=CONSOLE_RESPONSES,
                       dependencies=[*key, Depends(reject_unknown_query), available])
    mount_docs(app)
    mount_web(app)
    if opened is not None:
        attach(app, settings, opened)
    return app


def attach(app: FastAPI, settings: Settings, opened) -> None:
    """Put the store, query service and (for Neo4j) the Cypher console on the app."""
    app.state.settings = settings
    app.state.opened = opened
    app.state.service = QueryService(opened.store, opened.name, __version__)
    app.state.research = ResearchService(opened.store)
    app.state.cypher_console = None
    if opened.driver is not None:
        # the console and the Neo4j driver it uses: not imported by a process serving the embedded store
        from policykg.graph.cypher_console import ConsoleLimits, CypherConsole

        app.state.cypher_console = CypherConsole(opened.driver, settings.neo4j_database,
                                                 ConsoleLimits.from_settings(settings))
        # warn (never refuse) when the server's own limits are off
        threading.Thread(target=app.state.cypher_console.check_server, name="cypher-server-check", daemon=True).start()


def settle_in_memory(service: QueryService) -> None:
    """Ready a server whose graph lives in this process (the embedded store) for requests.

    The graph is millions of objects: they are taken out of the garbage collector's reach, as
    a full collection would otherwise walk them all (about 3 s at 10,000 policies) in the
    middle of whichever request happened to trigger it. The store's indexes are made whole
    first, so that they are frozen with the graph (see ``EmbeddedStore.fill_indexes``).
    """
    fill = getattr(service.store, "fill_indexes", None)
    if fill is not None:
        fill()
    gc.collect()
    gc.freeze()


def warm_search_analyzer() -> threading.Thread:
    """Load the search analyzer's dictionary in the background once the server is up (1–2 s of
    CPU), so that the first search after a start does not wait for it."""
    from policykg.graph.search_text import analyzer

    thread = threading.Thread(target=analyzer, name="policykg-search-analyzer", daemon=True)
    thread.start()
    return thread


def ensure_loaded(store) -> None:
    """Load the bundled corpus into an empty store (first use of the embedded default)."""
    if store.find_nodes(S.POLICY, limit=1):
        return
    from policykg.corpus import bundled_paths
    from policykg.loading import load_paths

    load_paths(store, bundled_paths())
    store.save()


def mount_docs(app: FastAPI) -> None:
    """Serve the OpenAPI pages (/docs: Swagger UI, /redoc) with their scripts from /static/docs,
    so they work offline."""
    from policykg.web.assets import DOCS_FAVICON, REDOC_JS, SWAGGER_CSS, SWAGGER_JS, docs_assets_dir

    app.mount("/static/docs", StaticFiles(directory=docs_assets_dir()), name="docs-assets")
    title = f"{app.title} {app.version} API"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url, title=title,
            swagger_js_url=f"/static/docs/{SWAGGER_JS}", swagger_css_url=f"/static/docs/{SWAGGER_CSS}",
            swagger_favicon_url=f"/static/docs/{DOCS_FAVICON}",
            # no badge from the public validator: nothing leaves this server
            swagger_ui_parameters={"validatorUrl": None},
        )
        # contrast fixes for Swagger UI's colours (WCAG AA), after its own stylesheet
        body = page.body.decode("utf-8").replace("</head>", '<link rel="stylesheet" href="/static/docs_contrast.css">\n</head>', 1)
        return HTMLResponse(body)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url, title=title, redoc_js_url=f"/static/docs/{REDOC_JS}",
                              redoc_favicon_url=f"/static/docs/{DOCS_FAVICON}", with_google_fonts=False)


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
