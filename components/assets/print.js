/* Camps Atlas: charts that fit the paper. The charts are drawn for the screen's width; before printing, each is
 * redrawn at the width of the printed page (print CSS puts them in one column), and back after printing. A chart
 * whose written labels are laid out for a wider plot (relocations, context: narrow.js's keptWidth) is drawn at that
 * width and scaled down to the page (CSS zoom), so no label runs off the paper or onto another.
 * Served from /assets/ (CSP 'self'). */
(function () {
    "use strict";
    var PRINT_WIDTH_PX = 700;  // A4 (and Letter) less the browser's default margins, at 96 px per inch
    var saved = [];

    function graphs() {
        return Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
    }

    // Plotly.relayout draws at once (Plots.resize would wait 100 ms, after the page has been printed).
    function beforePrint() {
        if (!window.Plotly) return;
        var kept = (window.campsNarrow && window.campsNarrow.keptWidth) || {};
        saved = graphs().filter(function (gd) { return gd.layout; }).map(function (gd) {
            var old = gd.layout.width;
            var room = Math.min(PRINT_WIDTH_PX, gd.offsetWidth || PRINT_WIDTH_PX);
            var host = gd.closest(".dash-graph");
            var need = host ? kept[host.id] : undefined;
            if (need && need > room) {
                window.Plotly.relayout(gd, {width: need});
                gd.style.zoom = room / need;
            } else {
                window.Plotly.relayout(gd, {width: room});
            }
            return [gd, old];
        });
    }

    function afterPrint() {
        if (!window.Plotly) return;
        saved.forEach(function (pair) {
            pair[0].style.zoom = "";
            window.Plotly.relayout(pair[0], {width: pair[1] === undefined ? null : pair[1]});
        });
        saved = [];
    }

    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    window.campsPrint = {before: beforePrint, after: afterPrint, width: PRINT_WIDTH_PX};
})();
