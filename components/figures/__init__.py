"""Pure figure builders: (selected data, options) -> FigureDict (a plain figure dict with go.Figure's API).

No Dash, no globals, no file reading."""

from components.figures.casualties import casualty_figure
from components.figures.context import context_figure
from components.figures.map import map_figure
from components.figures.population import population_figure
from components.figures.relocations import relocation_figure

__all__ = ["casualty_figure", "context_figure", "map_figure", "population_figure", "relocation_figure"]
