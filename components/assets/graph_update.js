/* How a new view reaches the graphs: in place, and only where a reader can see it.
 *
 * 1. In place. dcc.Graph hands plotly.js the graph's config with every update (Plotly.react(gd, {data, layout,
 *    config})), and plotly.js throws the graph away and draws it again (newPlot, then react once more) whenever that
 *    config differs from the graph's current one. The one part of our config that follows the view is the toolbar
 *    download's file name (toImageButtonOptions.filename, named after the view like every export). So, just before
 *    each update, the new file name is copied into the graph's current config: plotly.js then sees an unchanged
 *    config and applies only what changed in the figure. Any other config change still redraws, as plotly.js
 *    intends.
 *
 * 2. Where it can be seen. Drawing a chart takes the browser's main thread 40-190 ms (four times that on a slow
 *    phone), and a page load or a range step used to draw all five one after another although, at the top of the
 *    page, the charts below the map (on a phone, the map too) are off screen. A figure for a graph that lies more
 *    than MARGIN_PX off screen is kept (the newest one only) and drawn when the graph comes within MARGIN_PX of the
 *    screen (an IntersectionObserver), so it is current before it is seen; ten steps made off screen cost one
 *    draw. While one is kept, the graph carries data-draw-deferred="true" and is faded (style.css), so a reader who
 *    scrolls faster than a chart draws sees it is being updated, not an earlier view's chart that looks current.
 *    Printing draws every kept figure first. A graph not drawn yet gets an empty chart meanwhile (dcc.Graph binds
 *    its events to a drawn graph): a blank one, without axes (no made-up ticks, and on a throttled phone the four
 *    charts below the map cost ~0.5 s less to set up). A figure for a graph on (or near) the screen is drawn at once.
 *
 * Served from /assets/ (CSP 'self'); wraps window.Plotly.react once the partial plotly.js bundle has loaded.
 */
(function () {
    "use strict";

    const MARGIN_PX = 300;
    // The empty chart a graph gets until its figure is drawn: no axes, ticks or grid to lay out and draw. A new
    // object each time: plotly.js keeps the layout object it is given and changes it in place.
    const blank = () => ({xaxis: {visible: false}, yaxis: {visible: false}});
    const kept = new Map(); // plot div -> {self, args}: the newest update not yet drawn
    let react = null;
    let observer = null;

    function plotDiv(gd) {
        return typeof gd === "string" ? document.getElementById(gd) : gd;
    }

    function keepFileName(el, figure) {
        const next = figure && figure.config && figure.config.toImageButtonOptions;
        const current = el && el._context && el._context.toImageButtonOptions;
        if (next && current && typeof next.filename === "string") {
            current.filename = next.filename;
        }
    }

    function offScreen(el) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) {
            return false; // not laid out (hidden): plotly.js handles it as before
        }
        return r.bottom < -MARGIN_PX || r.top > window.innerHeight + MARGIN_PX;
    }

    function drawKept(el) {
        const entry = kept.get(el);
        if (!entry) {
            return;
        }
        forget(el);
        react.apply(entry.self, [el, ...entry.args]);
    }

    function forget(el) {
        kept.delete(el);
        observer.unobserve(el);
        delete el.dataset.drawDeferred;
    }

    // The kept update's call returns at once: dcc.Graph draws a graph's updates one after another, and a call that
    // waited for the scroll would hold the graph's later updates behind it (each then drawn in turn).
    function keep(el, self, args) {
        if (!kept.has(el)) {
            observer.observe(el);
        }
        kept.set(el, {self, args});
        el.dataset.drawDeferred = "true";
        return Promise.resolve(el);
    }

    function wrap() {
        const plotly = window.Plotly;
        if (!plotly || plotly.__campsAtlasReact) {
            return Boolean(plotly);
        }
        react = plotly.react;
        observer = new IntersectionObserver(
            (entries) => entries.forEach((e) => e.isIntersecting && drawKept(e.target)),
            {rootMargin: `${MARGIN_PX}px 0px`}
        );
        plotly.react = function (gd, figure, ...rest) {
            const el = plotDiv(gd);
            keepFileName(el, figure);
            if (el && offScreen(el)) {
                const held = keep(el, this, [figure, ...rest]);
                // dcc.Graph binds its events to a drawn graph: one not drawn yet gets an empty chart first.
                return el._fullLayout ? held : react.call(this, el, {data: [], layout: blank(), config: figure.config});
            }
            if (el && kept.has(el)) {
                forget(el); // this newer update is drawn now
            }
            return react.call(this, gd, figure, ...rest);
        };
        window.addEventListener("beforeprint", () => Array.from(kept.keys()).forEach(drawKept));
        plotly.__campsAtlasReact = true;
        return true;
    }

    if (!wrap()) {
        // The bundle is served after this file (assets load in name order, vendor/ last): wrap it once it is there.
        document.addEventListener("DOMContentLoaded", wrap);
    }
})();
