/* Camps Atlas on narrow screens (phones): view-only adjustments made in the browser, no server round trip.
 *
 * - Map: the region panel and the Iraq detail panel are stacked instead of side by side, and the map grows taller,
 *   so both stay readable at 390 px. Wide screens get the layout exactly as the server sends it (restored when the
 *   screen widens again).
 * - Casualty chart: keeps at least COLUMN_PX per attack column and scrolls sideways inside its card, instead of
 *   squeezing the attacks' date labels on top of each other.
 * - Every chart: a title wider than what is seen of the chart (the casualty chart's card shows only part of it) is
 *   set in a smaller font so it is not cut; a title that runs into the modebar (top right) moves below the
 *   modebar's row and the top margin grows by that row.
 * - Relocation, population and context charts: a subplot title wider than the chart is set in a smaller font too,
 *   and the top margin grows so the title does not run into the subplot titles.
 * - Context and relocation charts: keep the width their written labels need (CONTEXT_PX, RELOCATION_PX) and
 *   scroll sideways in their cards. The context strip opens on the selected range, its row labels and title kept
 *   at the card's left edge; the relocation chart opens at its y axis (its first bars are in view, and its stated
 *   totals' labels begin left of their bars).
 * - Every chart: dragging is off (dragmode false), so a finger on a chart scrolls the page instead of drawing a zoom
 *   box or panning the map (the charts fill a phone's width). Taps still select and show hover labels; the modebar's
 *   zoom and pan buttons turn dragging back on, and that choice is kept.
 *
 * Runs after every draw of those graphs (plotly_afterplot) and on window resize. Served from /assets/ (CSP 'self').
 */
(function () {
    "use strict";
    var NARROW_PX = 600;
    var COLUMN_PX = 84;
    var CONTEXT_PX = 1020; // the context strip's labels are laid out for a ~900 px plot
    var RELOCATION_PX = 900; // a stated total's label on one line (laid out for an 820 px plot: figures/relocations.py)
    var STACKED_HEIGHT = 820;
    var STRIP_BLEED = 24; // px
    var PLOT_MIN_PX = 240; // the population chart's plot on a phone
    var MIN_FONT_PX = 10;
    var MODEBAR_ROW = 30; // px: the modebar's buttons (22 px, 2 px from the top) and a gap
    var TITLE_GAP = 10; // px between a moved title and the plot

    // The adjustments go through Plotly.update, not Plotly.relayout: dcc.Graph answers every plotly_relayout by
    // copying the changed layout into its figure prop, which makes it draw the whole figure again (and run these
    // adjustments again): on a phone each chart was drawn up to nine times on a page load. Plotly.update changes
    // the same layout and emits plotly_update, which dcc.Graph does not copy. A new figure from the server is drawn
    // as sent, and adjusted again after it is drawn.
    function relayout(gd, update) {
        return window.Plotly.update(gd, {}, update);
    }

    function graphDiv(id) {
        return document.querySelector("#" + id + " .js-plotly-plot");
    }

    function narrow(gd) {
        var card = gd.closest("figure") || gd;
        return card.clientWidth < NARROW_PX;
    }

    function detailLabel(layout) {
        var notes = layout.annotations || [];
        for (var i = 0; i < notes.length; i++) {
            if (notes[i].name === "iraq-detail") return i; // figures/map.py DETAIL_NOTE: its text is translated
        }
        return -1;
    }

    function adaptMap(gd) {
        var layout = gd.layout;
        if (!window.Plotly || !layout || !layout.geo || !layout.geo2 || !layout.geo.domain) return;
        var stacked = layout.geo.domain.y && layout.geo.domain.y[0] > 0;
        var label = detailLabel(layout);
        if (narrow(gd) && !stacked) {
            var outer = gd.closest(".dash-graph") || gd.parentElement;
            if (outer.dataset.wideHeight === undefined) outer.dataset.wideHeight = outer.style.height;
            gd._campsWide = {
                geo: JSON.parse(JSON.stringify(layout.geo.domain)),
                geo2: JSON.parse(JSON.stringify(layout.geo2.domain)),
                label: label >= 0 ? {x: layout.annotations[label].x, y: layout.annotations[label].y} : null
            };
            outer.style.height = STACKED_HEIGHT + "px"; // the responsive graph takes its container's height
            var update = {
                "geo.domain": {x: [0, 1], y: [0.5, 1]},
                "geo2.domain": {x: [0, 1], y: [0, 0.43]}
            };
            if (label >= 0) {
                update["annotations[" + label + "].x"] = 0;
                update["annotations[" + label + "].y"] = 0.44;
            }
            relayout(gd, update).then(function () {
                window.Plotly.Plots.resize(gd);
            });
        } else if (!narrow(gd) && stacked && gd._campsWide) {
            var wide = gd._campsWide;
            var box = gd.closest(".dash-graph") || gd.parentElement;
            box.style.height = box.dataset.wideHeight || "";
            var back = {"geo.domain": wide.geo, "geo2.domain": wide.geo2};
            if (label >= 0 && wide.label) {
                back["annotations[" + label + "].x"] = wide.label.x;
                back["annotations[" + label + "].y"] = wide.label.y;
            }
            gd._campsWide = null;
            relayout(gd, back).then(function () {
                window.Plotly.Plots.resize(gd);
            });
        }
    }

    function adaptCasualties(gd) {
        var outer = gd.closest(".dash-graph") || gd.parentElement;
        var axis = gd.layout && gd.layout.xaxis;
        var columns = axis && axis.tickvals ? axis.tickvals.length : 0;
        var want = narrow(gd) && columns ? columns * COLUMN_PX + 80 : 0;
        var card = gd.closest("figure");
        var minWidth = card && want > card.clientWidth ? want + "px" : "";
        if (outer.style.minWidth !== minWidth) {
            outer.style.minWidth = minWidth;
            if (window.Plotly) window.Plotly.Plots.resize(gd);
        }
    }

    function keepWidth(px, firstShown) {
        // A chart whose written labels need about px: on a phone it keeps that width and scrolls sideways in its
        // card; with firstShown(gd) (a date on the x axis) it opens there rather than on earlier years, its title and
        // y-axis labels kept in view.
        return function (gd) {
            var outer = gd.closest(".dash-graph") || gd.parentElement;
            var card = gd.closest("figure");
            var minWidth = narrow(gd) && card && px > card.clientWidth ? px + "px" : "";
            if (outer.style.minWidth !== minWidth) {
                outer.style.minWidth = minWidth;
                if (window.Plotly) window.Plotly.Plots.resize(gd);
            }
            // once the chart is drawn at its kept width (a resize is a redraw of its own)
            if (minWidth && firstShown && gd._fullLayout.width >= px - 10) {
                openAtData(gd, card, firstShown(gd));
                keepLabelsInView(gd, card);
            }
            fitText(gd);
        };
    }

    function openAtData(gd, card, when) {
        // Scrolls the card once per figure (or range) so that `when` sits near its left edge, the y axis's width in.
        var ax = gd._fullLayout && gd._fullLayout.xaxis;
        if (!ax || when === null || when === undefined) return;
        var key = JSON.stringify(ax.range) + (gd.layout.title && gd.layout.title.text);
        if (gd._campsOpenedAt === key) return;
        gd._campsOpenedAt = key;
        var x = ax._offset + ax.l2p(ax.d2l(when));
        card.scrollLeft = Math.max(0, x - ax._offset - 24);
    }

    function keepLabelsInView(gd, card) {
        // A card opened at its data (scrolled sideways): the chart's title and y-axis labels move with the scroll,
        // over a strip of the chart's background, so they stay at the card's left edge and name what is seen.
        function place() {
            var size = gd._fullLayout && gd._fullLayout._size;
            var layer = gd.querySelector(".yaxislayer-above");
            if (!size || !layer) return;
            var shift = "translateX(" + card.scrollLeft + "px)";
            var strip = layer.querySelector("rect.camps-label-strip");
            if (!strip) {
                strip = document.createElementNS("http://www.w3.org/2000/svg", "rect");
                strip.setAttribute("class", "camps-label-strip");
                layer.insertBefore(strip, layer.firstChild);
            }
            strip.setAttribute("x", -STRIP_BLEED); // and under the card's padding, which the scroll passes under
            strip.setAttribute("y", size.t);
            strip.setAttribute("width", size.l + STRIP_BLEED);
            strip.setAttribute("height", size.h);
            strip.setAttribute("fill", gd._fullLayout.paper_bgcolor || "#fff");
            layer.style.transform = shift;
            var title = gd.querySelector(".g-gtitle");
            if (title) title.style.transform = shift;
        }
        if (!card._campsLabelsKept) {
            card._campsLabelsKept = true;
            card.addEventListener("scroll", place, {passive: true});
        }
        place();
    }

    function selectedRange(gd) {
        // The context strip: where the selected range's band begins (its first shape).
        var band = (gd.layout.shapes || [])[0];
        return band && band.type === "rect" ? band.x0 : null;
    }

    function keepPlotHeight(gd) {
        // The population chart on a phone: its notes above and its legend below take much of its height; the
        // figure grows so that the plot itself keeps PLOT_MIN_PX.
        var size = gd._fullLayout && gd._fullLayout._size;
        if (!window.Plotly || !size || !narrow(gd) || size.h >= PLOT_MIN_PX - 1) return;
        var height = gd._fullLayout.height + PLOT_MIN_PX - size.h;
        var outer = gd.closest(".dash-graph") || gd.parentElement;
        outer.style.height = height + "px";
        relayout(gd, {height: height});
    }

    function isSubplotTitle(note) {
        return note.xref === "paper" && note.yref === "paper" && note.x === 0.5 && note.yanchor === "bottom";
    }

    function visibleWidth(gd) {
        // The casualty chart is wider than its card and scrolls sideways: only the card's width is seen at once.
        var card = gd.closest("figure");
        return Math.min(gd.clientWidth, card ? card.clientWidth : gd.clientWidth);
    }

    function fitTitle(gd, update) {
        // A title wider than what is seen of the chart is set in a smaller font, so it is not cut. Returns the
        // title's width and height at the font it will have.
        var title = gd.querySelector(".gtitle");
        if (!title) return null;
        var layout = gd.layout;
        var left = title.getBoundingClientRect().left - gd.getBoundingClientRect().left;
        var room = visibleWidth(gd) - 16 - Math.max(0, left);
        var size = (layout.title.font && layout.title.font.size) || 15;
        var box = title.getBBox();
        var scale = 1;
        if (box.width > room && size > MIN_FONT_PX) {
            var fitted = Math.max(MIN_FONT_PX, Math.floor((size * room) / box.width));
            update["title.font.size"] = fitted;
            scale = fitted / size;
        }
        return {width: box.width * scale, height: box.height * scale};
    }

    function anchoredTop(layout) {
        // A title held at the top of the chart (by the server, e.g. the population chart above its note, or here).
        return layout.title.yref === "container" && layout.title.yanchor === "top";
    }

    function titlePad(layout) {
        return (layout.title.pad && layout.title.pad.t) || 0;
    }

    function titleMoved(layout) {
        // Moved below the modebar here: the server's figures never pad a title by the modebar's row.
        return anchoredTop(layout) && titlePad(layout) >= MODEBAR_ROW;
    }

    function underModebar(gd, titleWidth) {
        // Whether the (fitted) title runs into the modebar's row, top right of the chart.
        var bar = gd.querySelector(".modebar");
        var title = gd.querySelector(".gtitle");
        if (!bar || !title) return false;
        var b = bar.getBoundingClientRect();
        var t = title.getBoundingClientRect();
        return b.width > 0 && t.left + titleWidth > b.left && t.top < b.bottom;
    }

    function clearModebar(gd, update, title, extraTop) {
        // On a phone the modebar covers the title's end: the title moves below the modebar's row and the top
        // margin grows to hold it (plus `extraTop`). Done once per figure from the server.
        var layout = gd.layout;
        var before = (layout.margin && layout.margin.t) || 80; // plotly's default top margin
        var top = before;
        if (titleMoved(layout)) return;
        if (title && underModebar(gd, title.width)) {
            // plotly centres a title of several lines on its anchor, whatever the anchor says
            var pad = Math.ceil(MODEBAR_ROW + title.height / 2);
            if (anchoredTop(layout)) {
                // the server laid out what lies under the title (a note) from its pad: all of it moves down
                top = before + pad - titlePad(layout);
            } else {
                update["title.yref"] = "container";
                update["title.y"] = 1;
                update["title.yanchor"] = "top";
                top = Math.max(top, Math.ceil(MODEBAR_ROW + title.height + TITLE_GAP));
            }
            update["title.pad.t"] = pad;
        }
        if (top !== before || extraTop) update["margin.t"] = top + extraTop;
    }

    function fitText(gd) {
        var layout = gd.layout;
        if (!window.Plotly || !layout || !layout.title || !narrow(gd)) return;
        var room = gd.clientWidth - 16;
        var update = {};
        var title = fitTitle(gd, update);
        var notes = layout.annotations || [];
        var subplots = false;
        notes.forEach(function (note, i) {
            if (!isSubplotTitle(note)) return;
            subplots = true;
            var el = gd.querySelector('.annotation[data-index="' + i + '"] text');
            var noteSize = (note.font && note.font.size) || 16;
            if (el && el.getBBox().width > room && noteSize > MIN_FONT_PX) {
                var fitted = Math.floor((noteSize * room) / el.getBBox().width);
                update["annotations[" + i + "].font.size"] = Math.max(MIN_FONT_PX, fitted);
            }
        });
        var margin = layout.margin || {};
        var fresh = margin.t !== undefined && margin.t !== gd._campsTopMargin; // a new figure from the server
        if (fresh) {
            // subplot titles: room between them and the title
            clearModebar(gd, update, title, subplots ? 22 : 0);
            gd._campsTopMargin = update["margin.t"] !== undefined ? update["margin.t"] : margin.t;
        }
        if (Object.keys(update).length) relayout(gd, update);
    }

    function fitTitleAlone(gd) {
        var layout = gd.layout;
        if (!window.Plotly || !layout || !layout.title || !narrow(gd)) return;
        var update = {};
        clearModebar(gd, update, fitTitle(gd, update), 0);
        if (Object.keys(update).length) relayout(gd, update);
    }

    function letPageScroll(gd) {
        // The server sets no dragmode (except false on the map): undefined means nobody chose one yet.
        if (window.Plotly && gd.layout && gd.layout.dragmode === undefined && narrow(gd)) {
            relayout(gd, {dragmode: false});
        }
    }

    function adapt(id, gd) {
        ADAPT[id](gd);
        letPageScroll(gd);
    }

    var ADAPT = {
        map: function (gd) {
            adaptMap(gd);
            fitTitleAlone(gd);
        },
        "casualty-chart": function (gd) {
            adaptCasualties(gd);
            fitTitleAlone(gd);
        },
        "relocation-chart": keepWidth(RELOCATION_PX),
        "population-chart": function (gd) {
            keepPlotHeight(gd);
            fitText(gd);
        },
        "context-chart": keepWidth(CONTEXT_PX, selectedRange)
    };

    function attach() {
        Object.keys(ADAPT).forEach(function (id) {
            var gd = graphDiv(id);
            if (!gd || gd._campsNarrow || typeof gd.on !== "function") return;
            gd._campsNarrow = true;
            gd.on("plotly_afterplot", function () {
                adapt(id, gd);
            });
            adapt(id, gd);
        });
    }

    window.addEventListener("resize", function () {
        Object.keys(ADAPT).forEach(function (id) {
            var gd = graphDiv(id);
            if (gd && gd.layout) adapt(id, gd);
        });
    });
    window.setInterval(attach, 500);
    // The widths the charts' written labels are laid out for: print.js draws them at that width, scaled to the paper.
    window.campsNarrow = {keptWidth: {"relocation-chart": RELOCATION_PX, "context-chart": CONTEXT_PX}};
})();
