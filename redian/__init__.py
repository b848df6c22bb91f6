"""redian (热点): watch Chinese trending news, merge the same story across platforms, rank and explain it."""

__version__ = "0.1.0"
__all__ = ["__version__"]
