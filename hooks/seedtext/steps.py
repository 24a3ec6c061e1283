"""Cleaning steps by name (as ftfy names its fixers): every edit names the step that made it, and
`hooks/clean.py SEED --explain --by-step` lists the edits step by step.

A step is a function of the cleaner decorated with `@step("name")`; while it runs, every `Edit`
it creates is stamped with that name. `seedtext.cleaning.STEPS` is the one tuple of the steps in
the order `clean()` runs them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar

F = TypeVar("F", bound=Callable)

# The step running now in this thread or task; "" outside any step.
_RUNNING: ContextVar[str] = ContextVar("cleaning_step", default="")


@dataclass(frozen=True)
class Step:
    """A step as `--explain` and the README list it."""

    name: str
    summary: str  # the first sentence of the function's docstring

    @classmethod
    def of(cls, function: Callable) -> Step:
        doc = " ".join((function.__doc__ or "").split())
        return cls(function.step_name, doc.split(". ")[0].rstrip(".") + "." if doc else "")


def current_step() -> str:
    return _RUNNING.get()


def step(name: str) -> Callable[[F], F]:
    """Mark a function as a cleaning step; the edits it makes carry `name`."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args, **kwargs):
            token = _RUNNING.set(name)
            try:
                return function(*args, **kwargs)
            finally:
                _RUNNING.reset(token)

        run.step_name = name
        return run  # type: ignore[return-value]

    return register
