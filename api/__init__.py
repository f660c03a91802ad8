"""The JSON API: thin FastAPI routers over the query service."""
