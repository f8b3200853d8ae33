"""The HTML page Dash serves around the app: Dash's own template, with the page's language declared."""

from __future__ import annotations

# Dash 4.4.1's default index template (dash/dash.py, _default_index) with lang="en" on <html>, so that screen
# readers pronounce the page as English and browsers offer the right translation and hyphenation.
INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""
