/* Camps Atlas: the map's base maps are asked for while the page loads, not when plotly.js first draws the map.
 *
 * plotly.js fetches a geo panel's topojson only once it has laid out the map, and draws the map after the answer;
 * a file it finds in window.PlotlyGeoAssets.topojson[name] is used as is. The map (figures/map.py) draws the
 * region from world_110m and the Iraq detail from asia_50m (tests/unit/test_plotly_bundle.py checks the names).
 * Should plotly.js get there first, it fetches the file itself, as before.
 *
 * Served from /assets/ (CSP 'self'); runs before the plotly.js bundle (assets load in name order, vendor/ last).
 */
(function () {
    "use strict";
    var NAMES = ["world_110m", "asia_50m"];
    var script = document.currentScript;
    if (!script || !window.fetch) return;
    var folder = script.src.replace(/[^/]*$/, "") + "topojson/";
    window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
    window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
    NAMES.forEach(function (name) {
        fetch(folder + name + ".json")
            .then(function (answer) { return answer.ok ? answer.json() : null; })
            .then(function (topology) {
                var assets = window.PlotlyGeoAssets.topojson;
                if (topology && assets[name] === undefined) assets[name] = topology;
            })
            .catch(function () {});
    });
})();
