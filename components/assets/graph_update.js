/* A new view updates each graph in place instead of redrawing it from nothing.
 *
 * dcc.Graph hands plotly.js the graph's config with every update (Plotly.react(gd, {data, layout, config})), and
 * plotly.js throws the graph away and draws it again (newPlot, then react once more) whenever that config differs
 * from the graph's current one. The one part of our config that follows the view is the toolbar download's file
 * name (toImageButtonOptions.filename, named after the view like every export). So, just before each update, the
 * new file name is copied into the graph's current config: plotly.js then sees an unchanged config and applies only
 * what changed in the figure. Any other config change still redraws, as plotly.js intends.
 *
 * Served from /assets/ (CSP 'self'); wraps window.Plotly.react once the partial plotly.js bundle has loaded.
 */
(function () {
    "use strict";

    function keepFileName(gd, figure) {
        const el = typeof gd === "string" ? document.getElementById(gd) : gd;
        const next = figure && figure.config && figure.config.toImageButtonOptions;
        const current = el && el._context && el._context.toImageButtonOptions;
        if (next && current && typeof next.filename === "string") {
            current.filename = next.filename;
        }
    }

    function wrap() {
        const plotly = window.Plotly;
        if (!plotly || plotly.__campsAtlasReact) {
            return Boolean(plotly);
        }
        const react = plotly.react;
        plotly.react = function (gd, figure, ...rest) {
            keepFileName(gd, figure);
            return react.call(this, gd, figure, ...rest);
        };
        plotly.__campsAtlasReact = true;
        return true;
    }

    if (!wrap()) {
        // The bundle is served after this file (assets load in name order, vendor/ last): wrap it once it is there.
        document.addEventListener("DOMContentLoaded", wrap);
    }
})();
