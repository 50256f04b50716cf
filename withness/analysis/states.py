"""The two-axis state: how pleasant (settled/safe) and how activated it feels.

Pleasantness runs from -5 (very unpleasant) to +5 (very pleasant), energy from
0 (very low) to 10 (very high), both in steps of 0.5. The regions are a way of
describing experience in plain words, not a diagnosis.
"""

from dataclasses import dataclass
from enum import StrEnum

PLEASANT_MIN, PLEASANT_MAX = -5.0, 5.0
ENERGY_MIN, ENERGY_MAX = 0.0, 10.0
STEP = 0.5


class Region(StrEnum):
    SETTLED = "settled"
    BRIGHT = "bright"
    CALM_LOW = "calm_low"
    ON_GUARD = "on_guard"
    SHUT_DOWN = "shut_down"
    UNEASY = "uneasy"
    IN_BETWEEN = "in_between"


REGION_WORDS = {
    Region.SETTLED: "settled and open",
    Region.BRIGHT: "bright and lively",
    Region.CALM_LOW: "calm and low-key",
    Region.ON_GUARD: "revved up / on guard",
    Region.SHUT_DOWN: "shut down / flat",
    Region.UNEASY: "uneasy",
    Region.IN_BETWEEN: "somewhere in between",
}


@dataclass(frozen=True)
class State:
    pleasant: float
    energy: float

    @property
    def region(self) -> Region:
        return region_of(self.pleasant, self.energy)

    @property
    def words(self) -> str:
        return REGION_WORDS[self.region]


def region_of(pleasant: float, energy: float) -> Region:
    """Name the region of the grid a state falls in."""
    if pleasant >= 1:
        if energy > 7:
            return Region.BRIGHT
        if energy < 3.5:
            return Region.CALM_LOW
        return Region.SETTLED
    if pleasant <= -1:
        if energy >= 6:
            return Region.ON_GUARD
        if energy <= 4:
            return Region.SHUT_DOWN
        return Region.UNEASY
    return Region.IN_BETWEEN


def is_on_step(value: float) -> bool:
    return float(value * 2).is_integer()


def in_pleasant_range(value: float) -> bool:
    return PLEASANT_MIN <= value <= PLEASANT_MAX


def in_energy_range(value: float) -> bool:
    return ENERGY_MIN <= value <= ENERGY_MAX
