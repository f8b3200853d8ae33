"""The page's callbacks, one module per feature; importing this package registers them all. Each is thin: it reads
its inputs, calls data/ and present/, and returns."""

from components.callbacks import detail, map, panels, playback, share, story, table, view

__all__ = ["detail", "map", "panels", "playback", "share", "story", "table", "view"]
