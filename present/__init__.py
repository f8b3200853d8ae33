"""Presentation: from (bundle, view) to what the page, the exports and the report show — figures, headline figures,
labels, text alternatives and the detail panel. Pure; no Dash (components/ puts these on the page)."""

from data.table import table
from present.detail import ItemDetail, SourceLine, item_detail
from present.history import (
    context_range_changes,
    drawn_base,
    population_range_changes,
    render_context,
    render_population,
)
from present.items import in_view, split_transfers, stated_totals
from present.labels import filter_label, short_place, subtitle
from present.map import border_check, render_map
from present.panels import Kpi, Rendered, how_summed, render_panels, render_relocations, summaries

__all__ = [
    "ItemDetail",
    "Kpi",
    "Rendered",
    "SourceLine",
    "border_check",
    "context_range_changes",
    "drawn_base",
    "filter_label",
    "how_summed",
    "in_view",
    "item_detail",
    "population_range_changes",
    "render_context",
    "render_map",
    "render_panels",
    "render_population",
    "render_relocations",
    "short_place",
    "split_transfers",
    "stated_totals",
    "subtitle",
    "summaries",
    "table",
]
