/* Camps Atlas: charts that fit the paper. The charts are drawn for the screen's width; before printing, each is
 * redrawn at the width of the printed page (print CSS puts them in one column), and back after printing.
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
        saved = graphs().filter(function (gd) { return gd.layout; }).map(function (gd) {
            var old = gd.layout.width;
            window.Plotly.relayout(gd, {width: Math.min(PRINT_WIDTH_PX, gd.offsetWidth || PRINT_WIDTH_PX)});
            return [gd, old];
        });
    }

    function afterPrint() {
        if (!window.Plotly) return;
        saved.forEach(function (pair) {
            window.Plotly.relayout(pair[0], {width: pair[1] === undefined ? null : pair[1]});
        });
        saved = [];
    }

    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    window.campsPrint = {before: beforePrint, after: afterPrint, width: PRINT_WIDTH_PX};
})();
