/* Camps Atlas: keyboard and screen-reader behaviour of the controls, done in the browser (no server round trip).
 *
 * - Date-range handles: each is named in the page's language (data-thumbs: "Start of the range") and announces its
 *   month (aria-valuetext "Jul 2009", from the month labels the server puts in the slider box's data-months
 *   attribute) instead of the bare index. Home and End move the focused handle to
 *   the first / last month it may take (the start handle up to the end handle's month, the end handle down to the
 *   start handle's); the slider component on its own always moves the start handle on Home and the end handle on
 *   End, so End on the start handle did nothing.
 * - Clientside callbacks (namespace `camps`, registered in components/callbacks.py):
 *   rangeLabel: the range label follows a handle while it is dragged (the slider's drag_value), before the view
 *   is recomputed on release; copyText: Copy link / Copy citation write to the clipboard and say whether it worked.
 *
 * Served from /assets/ (CSP 'self').
 */
(function () {
    "use strict";
    var SLIDER = "#date-range";
    var THUMB = SLIDER + " [role=slider]";

    // A JSON attribute of the slider's box (data-months, data-thumbs), read once.
    var read = {};
    function sliderData(attribute) {
        var slider = document.querySelector(SLIDER);
        var box = slider && slider.closest("[" + attribute + "]");
        if (!box) return null;
        if (read[attribute] === undefined || read[attribute].box !== box) {
            read[attribute] = {box: box, value: JSON.parse(box.getAttribute(attribute))};
        }
        return read[attribute].value;
    }

    function monthLabels() {
        return sliderData("data-months");
    }

    // A position's month as a range's ends write it: {first, last[, beside]} (data.calendars.month_ends: in
    // English 'Sep 2013' both; in Persian its first and last day in Solar Hijri, the Gregorian month beside).
    function endsOf(index) {
        var months = monthLabels();
        var ends = months && months[index];
        return ends || {first: String(index), last: String(index)};
    }

    // The same rule as data.calendars.range_label.
    function rangeText(span) {
        var i = span[0], j = span[span.length - 1];
        var a = endsOf(i), b = endsOf(j);
        var text = a.first === b.last ? a.first : a.first + " \u2013 " + b.last;
        if (a.beside !== undefined) text += " (" + (i === j ? a.beside : a.beside + " \u2013 " + b.beside) + ")";
        return text;
    }

    function monthOf(index) {
        return rangeText([index]);
    }

    // --- aria-valuetext: kept in step with aria-valuenow on both handles. ---

    function thumbNames() {
        return sliderData("data-thumbs");
    }

    function labelThumb(thumb) {
        var names = thumbNames();
        var index = Array.prototype.indexOf.call(document.querySelectorAll(THUMB), thumb);
        if (names && names[index] && thumb.getAttribute("aria-label") !== names[index]) {
            thumb.setAttribute("aria-label", names[index]);
        }
        var now = thumb.getAttribute("aria-valuenow");
        if (now === null) return;
        var text = monthOf(Number(now));
        if (thumb.getAttribute("aria-valuetext") !== text) thumb.setAttribute("aria-valuetext", text);
    }

    var observer = new MutationObserver(function (records) {
        records.forEach(function (record) {
            if (record.type === "attributes") {
                if (record.target.matches && record.target.matches(THUMB)) labelThumb(record.target);
            } else {
                record.addedNodes.forEach(function (node) {
                    if (node.nodeType !== 1) return;
                    if (node.matches(THUMB)) labelThumb(node);
                    node.querySelectorAll(THUMB).forEach(labelThumb);
                });
            }
        });
    });

    function watch() {
        observer.observe(document.body, {
            subtree: true, childList: true, attributes: true, attributeFilter: ["aria-valuenow"]
        });
        document.querySelectorAll(THUMB).forEach(labelThumb);
    }

    // --- Home / End on the focused handle. ---

    function onKey(event) {
        if (event.key !== "Home" && event.key !== "End") return;
        var thumb = event.target;
        if (!thumb.matches || !thumb.matches(THUMB) || !window.dash_clientside || !window.dash_clientside.set_props) {
            return;
        }
        var thumbs = Array.prototype.slice.call(document.querySelectorAll(THUMB));
        if (thumbs.length !== 2) return;
        var which = thumbs.indexOf(thumb);
        var span = thumbs.map(function (t) { return Number(t.getAttribute("aria-valuenow")); });
        var lowest = Number(thumb.getAttribute("aria-valuemin"));
        var highest = Number(thumb.getAttribute("aria-valuemax"));
        var home = event.key === "Home";
        var next = which === 0
            ? [home ? lowest : span[1], span[1]]
            : [span[0], home ? span[0] : highest];
        event.preventDefault();
        event.stopPropagation(); // the slider's own Home/End would move the other handle
        if (next[0] !== span[0] || next[1] !== span[1]) {
            window.dash_clientside.set_props(SLIDER.slice(1), {value: next});
        }
    }

    // --- Clipboard. ---

    function copyByCommand(text) {
        // The older route, for browsers without (or refusing) the asynchronous clipboard API.
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        var done = false;
        try {
            done = document.execCommand("copy");
        } catch (err) {
            done = false;
        }
        document.body.removeChild(area);
        return done;
    }

    function copy(text) {
        if (navigator.clipboard && navigator.clipboard.writeText) {
            return navigator.clipboard.writeText(text).then(
                function () { return true; },
                function () { return copyByCommand(text); }
            );
        }
        return Promise.resolve(copyByCommand(text));
    }

    function selectText(id) {
        var el = document.getElementById(id);
        if (!el || !window.getSelection) return;
        var range = document.createRange();
        range.selectNodeContents(el);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.camps = {
        rangeLabel: function (span) {
            if (!Array.isArray(span) || !span.length) return window.dash_clientside.no_update;
            return rangeText(span);
        },

        /* Outputs: the link's status, the citation's status. The other button's message is cleared. */
        copyText: function (_linkClicks, _citationClicks, link, citation) {
            var dc = window.dash_clientside;
            var which = dc.callback_context && dc.callback_context.triggered_id;
            var isLink = which === "copy-link";
            var what = isLink ? "link" : "citation";
            var text = isLink ? link : citation;
            if (!text) return dc.no_update; // nothing to copy before the view is named
            // The messages in the page's language (components/share.py COPY_MESSAGES, on the share bar).
            var bar = document.querySelector("[data-copied]");
            var messages = bar ? JSON.parse(bar.getAttribute("data-copied")) : {};
            return copy(String(text)).then(function (done) {
                if (!done) selectText(isLink ? "view-link" : "citation-text");
                var message = messages[done ? what : what + "_failed"] || "";
                return isLink ? [message, ""] : ["", message];
            });
        }
    };

    document.addEventListener("keydown", onKey, true); // capture: before the slider's own handler
    if (document.body) {
        watch();
    } else {
        document.addEventListener("DOMContentLoaded", watch);
    }
})();
