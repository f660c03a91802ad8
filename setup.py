"""The optional C extension: jieba's most probable route in C (loaders/_route.c).

Declared here rather than in pyproject.toml, whose ``ext-modules`` table setuptools still
calls experimental (and says so on every install). ``optional=True``: without a C compiler
the install still succeeds and the segmenter uses its Python implementation. Everything
else about the package is in pyproject.toml.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("policykg.loaders._route", sources=["loaders/_route.c"], optional=True)])
