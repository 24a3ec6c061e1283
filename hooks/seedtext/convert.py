"""Script conversion with OpenCC (Simplified -> Traditional variants)."""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=None)
def converter(config: str | None):
    """One OpenCC instance per config per process (loading dictionaries is the slow part)."""
    if not config:
        return None
    return opencc.OpenCC(config if config.endswith(".json") else config + ".json")


def convert(text: str, config: str | None) -> str:
    conv = converter(config)
    return conv.convert(text) if conv else text
