"""Sharing in the browser: the copy buttons and the embed code of every chart."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from components.ids import Share

# The copy buttons copy and say whether it worked (assets/access.js).
clientside_callback(
    ClientsideFunction("camps", "copyText"),
    Output(Share.COPY_LINK_STATUS, "children"),
    Output(Share.COPY_CITATION_STATUS, "children"),
    Input(Share.COPY_LINK, "n_clicks"),
    Input(Share.COPY_CITATION, "n_clicks"),
    State(Share.LINK_TEXT, "children"),
    State(Share.CITATION, "children"),
    prevent_initial_call=True,
)


# The iframe code of every embeddable chart (/embed/<chart>, exports.embed) for the view's link, made in the browser.
clientside_callback(
    """function (link) {
        if (!link) { return ''; }
        var url = new URL(link, window.location.href);
        var root = url.origin + url.pathname.replace(/\\/$/, '');
        var charts = [['map', 720], ['casualties', 780], ['relocations', 720], ['population', 620], ['context', 460]];
        return charts.map(function (c) {
            return '<iframe src="' + root + '/embed/' + c[0] + url.search + '" title="Camps Atlas: ' + c[0] +
                '" width="100%" height="' + c[1] + '" style="border:0" loading="lazy"></iframe>';
        }).join('\\n\\n');
    }""",
    Output(Share.EMBED_CODE, "children"),
    Input(Share.LINK_TEXT, "children"),
)
