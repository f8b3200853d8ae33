"""Pure figure builders: (selected data, options) -> go.Figure. No Dash, no globals, no file reading."""

from components.figures.casualties import casualty_figure
from components.figures.map import map_figure
from components.figures.relocations import relocation_figure

__all__ = ["casualty_figure", "map_figure", "relocation_figure"]
