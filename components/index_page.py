"""The HTML page Dash serves around the app: Dash's own template, with the page's language and direction declared
(`<html lang dir>`, from the URL's `lang=` when that language is offered; data.languages)."""

from __future__ import annotations

from flask import has_request_context, request

from data import languages

HTML_EN = '<html lang="en">'

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


def html_tag(query_lang: str | None) -> str:
    """<html> for the page of a request whose `lang=` is `query_lang` (English unless that language is offered)."""
    lang, _ = languages.read(query_lang or "")  # the page's notice says why another was not taken
    return f'<html lang="{lang}" dir="{languages.direction(lang)}">'


def install(app) -> None:
    """Serve the page with the request's language on <html> (Dash renders the index through interpolate_index)."""
    render = app.interpolate_index

    def interpolate_index(**kwargs) -> str:
        page = render(**kwargs)
        lang = request.args.get("lang") if has_request_context() else None
        return page.replace(HTML_EN, html_tag(lang), 1)

    app.interpolate_index = interpolate_index
