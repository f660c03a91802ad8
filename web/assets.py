"""Where the web explorer's files are: the page itself and the vis-network build pyvis ships.

The API mounts ``/`` → ``static_dir() / "index.html"``, ``/static/…`` → ``static_dir()`` and
``/static/vendor/vis-network.min.js`` / ``vis-network.css`` → the files in ``vis_network_dir()``,
so the page works offline: no script or style comes from a CDN. Likewise ``/static/docs/…`` →
``docs_assets_dir()``: the Swagger UI and ReDoc builds the fastapi-offline package ships, for
the API documentation pages /docs and /redoc.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

VIS_NETWORK_VERSION = "9.1.2"
VIS_NETWORK_JS = "vis-network.min.js"
VIS_NETWORK_CSS = "vis-network.css"
SWAGGER_JS = "swagger-ui-bundle.js"
SWAGGER_CSS = "swagger-ui.css"
REDOC_JS = "redoc.standalone.js"
DOCS_FAVICON = "favicon.png"


def static_dir() -> Path:
    """The folder holding index.html, app.js, its modules and style.css."""
    return Path(__file__).resolve().parent / "static"


def vis_network_dir() -> Path:
    """The folder of the vis-network build bundled with the installed pyvis package.

    Raises FileNotFoundError with what to do when pyvis (or that build) is missing.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "pyvis is not installed, so the graph view has no vis-network script: "
            "install the project's dependencies (pip install -e .)."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "lib" / f"vis-{VIS_NETWORK_VERSION}"
    missing = [name for name in (VIS_NETWORK_JS, VIS_NETWORK_CSS) if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{', '.join(missing)} not found in {folder}: the installed pyvis does not ship "
            f"vis-network {VIS_NETWORK_VERSION}; install pyvis 0.3.x (pip install 'pyvis>=0.3,<0.4')."
        )
    return folder


def docs_assets_dir() -> Path:
    """The folder of the Swagger UI and ReDoc builds bundled with the fastapi-offline package.

    Raises FileNotFoundError with what to do when the package (or a file) is missing.
    """
    spec = importlib.util.find_spec("fastapi_offline")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "fastapi-offline is not installed, so /docs has no Swagger UI: "
            "install the project's dependencies (pip install -e .)."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    missing = [name for name in (SWAGGER_JS, SWAGGER_CSS, REDOC_JS, DOCS_FAVICON) if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{', '.join(missing)} not found in {folder}: reinstall fastapi-offline "
            "(pip install --force-reinstall 'fastapi-offline>=1.7')."
        )
    return folder
