"""Response and query models of the API, one module per resource; shared pieces in ``common``."""
