"""Sharing in the browser: the copy buttons and the embed code of every chart."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State, clientside_callback

from components.ids import Charts, Share

# The embeddable charts' graphs, in the order of exports.FIGURES.
CHARTS = (Charts.MAP, Charts.CASUALTIES, Charts.RELOCATIONS, Charts.POPULATION, Charts.CONTEXT)
MESSAGE_KEY = (
    "camps-atlas-embed"  # the key of the height an embed posts: exports.embed.MESSAGE_KEY (a test keeps them equal)
)

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
# Each chart's code is an iframe and a small script that sizes the iframe to the height the embed reports (embed.js
# posts it after every draw); the iframe's own height, for a site that strips the script, is the page's figure
# height plus its caption (relocations and context grow in a narrow frame: a quarter more).
clientside_callback(
    """function (link, map, casualties, relocations, population, context) {
        if (!link) { return ''; }
        var url = new URL(link, window.location.href);
        var root = url.origin + url.pathname.replace(/\\/$/, '');
        var charts = [['map', map, 1], ['casualties', casualties, 1], ['relocations', relocations, 1.25],
                      ['population', population, 1], ['context', context, 1.25]];
        var resize = '<script>window.addEventListener("message", function (e) {' +
            ' var d = e.origin === "' + url.origin + '" && e.data && e.data["MESSAGE_KEY"]; if (!d) return;' +
            ' var f = document.getElementsByTagName("iframe");' +
            ' for (var i = 0; i < f.length; i++) { if (f[i].contentWindow === e.source) f[i].style.height = d.height + "px"; }' +
            ' });</' + 'script>';
        return charts.map(function (c) {
            var own = c[1] && c[1].layout && c[1].layout.height;
            var height = Math.round((own || 560) * c[2] + 240);
            return '<iframe src="' + root + '/embed/' + c[0] + url.search + '" title="Camps Atlas: ' + c[0] +
                '" width="100%" height="' + height + '" style="border:0" loading="lazy"></iframe>\\n' + resize;
        }).join('\\n\\n');
    }""".replace("MESSAGE_KEY", MESSAGE_KEY),
    Output(Share.EMBED_CODE, "children"),
    Input(Share.LINK_TEXT, "children"),
    *(Input(graph, "figure") for graph in CHARTS),
)
