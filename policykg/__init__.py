"""policykg: a knowledge graph of Chinese science-and-technology-transfer policies."""

__version__ = "0.1.0"
