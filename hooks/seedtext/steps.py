"""Cleaning plans: named steps run in order by one loop (ftfy's fixers and its `fix_and_explain` are the
model). A step is a small function that takes the cleaning state and returns the next state and the
`Change`s it made; `Plan.run` runs the plan's steps in the order they were registered and makes each
change an `Edit` naming the step. A step never names itself and never calls another step: a plan's
order is the run order, and nowhere else.

`steps_table` is the table of every plan's steps that `hooks/clean.py --steps` prints and the README
holds (tests/test_steps.py checks that the two agree).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from .model import Change, Edit

S = TypeVar("S")  # the state a plan's steps take and return
F = TypeVar("F", bound=Callable)


@dataclass(frozen=True)
class Step(Generic[S]):
    """A registered step: its name (carried by every edit it makes), what it does (the first sentence
    of its function's docstring, a line of the steps table) and its function."""

    name: str
    summary: str
    function: Callable[[S], tuple[S, Sequence[Change]]]

    def run(self, state: S) -> tuple[S, list[Edit]]:
        """The step on the state: the next state, and the step's changes as edits naming it. A step that
        hands back anything but a `Change` (an `Edit` naming a step itself, None) is refused."""
        state, changes = self.function(state)
        edits = []
        for change in changes:
            if type(change) is not Change:
                raise TypeError(f"cleaning step {self.name!r} returned {change!r}: a step returns Changes, "
                                "and the plan running it names the step")
            edits.append(change.by(self.name))
        return state, edits


def _summary(function: Callable) -> str:
    doc = " ".join((function.__doc__ or "").split())
    return doc.split(". ")[0].rstrip(".") + "." if doc else ""


class Plan(Generic[S]):
    """Steps in the order they run, registered with `@plan.step("name")`, and the loop that runs them."""

    def __init__(self, runs: str) -> None:
        self.runs = runs  # when the plan runs, as the steps table says it: "per seed", "per article"
        self._steps: list[Step[S]] = []

    @property
    def steps(self) -> tuple[Step[S], ...]:
        return tuple(self._steps)

    def step(self, name: str) -> Callable[[F], F]:
        """Register the decorated function as this plan's next step; its edits carry `name`."""

        def register(function: F) -> F:
            if not name or any(step.name == name for step in self._steps):
                raise ValueError(f"a cleaning step needs a name of its own: {name!r} ({function.__qualname__})")
            self._steps.append(Step(name, _summary(function), function))
            return function

        return register

    def run(self, state: S) -> tuple[S, list[Edit]]:
        """The pipeline: every step in order, each on the state the one before it returned; the edits
        of all of them in the order made."""
        edits: list[Edit] = []
        for step in self._steps:
            state, made = step.run(state)
            edits += made
        return state, edits


def steps_table(plans: Sequence[Plan]) -> str:
    """The plans' steps in the order they run, as a Markdown table: name, when it runs, what it does."""
    rows = [f"| `{step.name}` | {plan.runs} | {step.summary} |" for plan in plans for step in plan.steps]
    return "\n".join(["| step | runs | what it does |", "| --- | --- | --- |", *rows]) + "\n"
