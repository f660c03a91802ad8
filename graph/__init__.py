"""The policy graph model and its two stores (embedded networkx and Neo4j)."""
