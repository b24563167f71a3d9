"""The package version (one place, read by pyproject through importlib.metadata at runtime)."""

__version__ = "0.1.0"
