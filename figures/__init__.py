"""Pure figure builders: (selected data, options) -> a figure as a plain dict (figures/plain.py).

No Dash, no globals, no file reading."""

from figures.casualties import casualty_figure
from figures.context import context_figure, context_range_changes
from figures.map import map_figure
from figures.population import population_figure, population_range_changes
from figures.relocations import relocation_figure

__all__ = [
    "casualty_figure",
    "context_figure",
    "context_range_changes",
    "map_figure",
    "population_figure",
    "population_range_changes",
    "relocation_figure",
]
