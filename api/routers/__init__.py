"""One router per resource.

The query service answers in plain JSON values already, so the routers hand its answers to
``JSONResponse`` themselves: FastAPI would otherwise walk every value again with
``jsonable_encoder``, which costs six times the ``json.dumps`` itself (about 100 ms for the
1 MB answer of a provincial bureau at 10,000 policies). The Cypher console's rows are the
exception: they come from Neo4j and go through FastAPI's encoder.
"""
