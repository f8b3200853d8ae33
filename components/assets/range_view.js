/* Camps Atlas: the headline figures (KPI cards) of a range, counted in the browser, so that a step of the date-range
 * slider repaints them at once instead of after a round trip.
 *
 * The counting rule is Python's (data/select.py: a row is in the range when its period overlaps it, partial when it
 * reaches beyond it, kept by the lens, of one of the view's grades (when it names any), at the place; data/summary.py `total` and present/panels.py `_kpi`: an item
 * wholly inside the range adds its lowest and its highest figure, an item only partly inside is not added but
 * named; the resettled card: present/panels.py `latest_abroad` and `resettled_kpi`). Its rows come with the page (present/counting_rows.py, store `counting-rows`). This file is the browser's
 * only copy of the rule; tests/browser/test_range_view.py proves it gives Python's texts over hundreds of random
 * views (ranges, places, lenses, grades).
 *
 * window.campsRange.headlines(rows, view) -> {name: {text, context}}; view = {first, last (day numbers), place, lens,
 * grades (a list; empty: every grade)};
 * window.campsRange.viewOf(rows, span, stored) -> that view from the slider's months (span) or else the view store.
 * Clientside callbacks (components/callbacks/panels.py): camps.headlinesOfSlider, the KPI figures and context lines
 * of the months a handle shows while the reader moves it; camps.headlines, those of the view store.
 *
 * Served from /assets/ (CSP 'self').
 */
(function () {
    "use strict";
    var DAY_MS = 86400000;

    // First and last day (days since 1970-01-01) of the month `index` months after [year, month].
    function monthDays(first, index) {
        var y = first[0], m = first[1] - 1 + index;
        return [Date.UTC(y, m, 1) / DAY_MS, Date.UTC(y, m + 1, 1) / DAY_MS - 1];
    }

    // "YYYY-MM" -> months after [year, month].
    function monthIndex(first, text) {
        var parts = String(text).split("-");
        return (Number(parts[0]) - first[0]) * 12 + Number(parts[1]) - first[1];
    }

    function grouped(frame, view, bit, atPlace) {
        // Rows in the view grouped by item, in order of their first row (data.select.groups).
        var byItem = new Map();
        for (var i = 0; i < frame.item.length; i++) {
            if (frame.item[i] < 0 || !(frame.lens[i] & bit)) continue;
            if (view.grades.length && view.grades.indexOf(frame.grade[i]) < 0) continue;
            if (view.place && !atPlace(i)) continue;
            if (frame.end[i] < view.first || frame.start[i] > view.last) continue;
            var item = byItem.get(frame.item[i]);
            if (!item) byItem.set(frame.item[i], (item = {first: i, partial: false, rows: []}));
            item.partial = item.partial || frame.start[i] < view.first || frame.end[i] > view.last;
            item.rows.push(i);
        }
        return Array.from(byItem.values());
    }

    // The cards' words in the page's language (present.headline_texts.browser_texts, on the KPI row): each text,
    // a text with a count as its plural forms, the plural categories' form indexes, the digits and separator.
    var texts = null;
    function words() {
        if (texts) return texts;
        var row = document.querySelector(".kpis[data-texts]");
        texts = JSON.parse(row.getAttribute("data-texts"));
        texts.rules = new Intl.PluralRules(texts.lang);
        return texts;
    }

    // A text's {name} fields filled in (Python's str.format for these texts).
    function fill(text, values) {
        return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
    }

    function thousands(n) {
        var w = words();
        return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",").replace(/[0-9,]/g, function (c) {
            return c === "," ? w.group : w.digits[Number(c)];
        });
    }

    function single(key, values) {
        return fill(words().single[key], values || {});
    }

    // present.headline_texts.counted: the form the language uses for n, n in its digits.
    function counted(forms, n, values) {
        var w = words();
        var form = forms[w.plural[w.rules.select(n)]];
        return fill(form, Object.assign({n: thousands(n)}, values || {}));
    }

    function formatRange(low, high) {
        return low === high ? thousands(low) : thousands(low) + "\u2013" + thousands(high);
    }

    // data.summary.total: an item wholly inside the range adds its lowest and its highest figure; one only partly
    // inside is not added but counted apart.
    function summed(frame, items, column) {
        var counted = 0, given = 0, partial = 0, low = 0, high = 0, disputed = false;
        items.forEach(function (item) {
            var values = item.rows.map(function (i) { return frame[column][i]; })
                .filter(function (v) { return v !== null && v !== undefined; });
            if (item.partial) {
                if (values.length) partial += 1;
                return;
            }
            counted += 1;
            if (!values.length) return;
            var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
            given += 1;
            low += lo;
            high += hi;
            if (lo !== hi) disputed = true;  // an attack or a transfer is one occurrence: any two figures differ
        });
        return {counted: counted, given: given, partial: partial, low: low, high: high, disputed: disputed};
    }

    // One KPI card (present.panels._kpi over data.summary.total).
    function headline(frame, items, spec) {
        var sum = summed(frame, items, spec.column);
        var n = sum.counted, partial = sum.partial, unit = spec.unit;
        if (n === 0) {
            var partly = partial ? single("partly_none", {n: thousands(partial)}) : "";
            return {text: thousands(0), context: words().none[unit] + partly + spec.note};
        }
        var context = counted(words().counted[unit], n) +
            (n > sum.given ? single("without_figure", {n: thousands(n - sum.given)}) : "") +
            (sum.disputed ? single("disagree") : "") +
            (partial ? single("partly", {n: thousands(partial)}) : "");
        return {text: sum.given ? formatRange(sum.low, sum.high) : single("no_figure"), context: context + spec.note};
    }

    // present.panels.latest_abroad: each claimant's latest stated total of everyone who left Iraq wholly inside the
    // range (the one ending last, then the largest); their figures.
    function latestStated(s, view, bit) {
        var best = new Map();
        for (var i = 0; i < s.item.length; i++) {
            if (s.item[i] < 0 || !(s.lens[i] & bit)) continue;
            if (view.grades.length && view.grades.indexOf(s.grade[i]) < 0) continue;
            if (view.place && s.origin[i] !== view.place) continue;
            if (s.start[i] < view.first || s.end[i] > view.last) continue;
            var j = best.get(s.claimant[i]);
            if (j === undefined || s.end[i] > s.end[j] || (s.end[i] === s.end[j] && s.people[i] > s.people[j])) {
                best.set(s.claimant[i], i);
            }
        }
        return Array.from(best.values()).map(function (i) { return s.people[i]; });
    }

    // The resettled card (present.panels.resettled_kpi): the stated totals' range, the listed transfers' sum beside.
    function resettled(frame, items, spec, stated) {
        var sum = summed(frame, items, spec.column), n = sum.counted;
        var listed = n === 0 ? single("no_listed") :
            counted(words().listed, n, {range: sum.given ? formatRange(sum.low, sum.high) : single("no_figure")}) +
            (sum.partial ? single("listed_partly", {n: thousands(sum.partial)}) : "");
        if (!stated.length) return {text: single("no_stated"), context: single("no_stated_context", {listed: listed})};
        return {
            text: formatRange(Math.min.apply(null, stated), Math.max.apply(null, stated)),
            context: single("stated_context", {sources: counted(words().sources_latest, stated.length), listed: listed}),
        };
    }

    function headlines(rows, view) {
        var bit = 1 << rows.lenses.indexOf(view.lens);
        var a = rows.attacks, t = rows.transfers;
        var attacks = grouped(a, view, bit, function (i) { return a.place[i] === view.place; });
        var transfers = grouped(t, view, bit, function (i) {
            return t.origin[i] === view.place || t.destination[i] === view.place;
        });
        var inIraq = function (item) { return rows.iraq.indexOf(t.destination[item.first]) >= 0; };
        var sets = {
            attacks: [a, attacks],
            within: [t, transfers.filter(inIraq)],
            abroad: [t, transfers.filter(function (item) { return !inIraq(item); })],
        };
        var out = {};
        rows.headlines.forEach(function (spec) {
            var set = sets[spec.items];
            out[spec.name] = spec.stated ? resettled(set[0], set[1], spec, latestStated(rows.stated, view, bit)) :
                headline(set[0], set[1], spec);
        });
        return out;
    }

    // The view counted: the slider's months (span) on a slider step, else the stored view's; place, lens and grades
    // are the stored view's (a slider step does not change them).
    function viewOf(rows, span, stored) {
        var lo = monthIndex(rows.first_month, stored.from), hi = monthIndex(rows.first_month, stored.to);
        if (Array.isArray(span) && span.length === 2) {
            lo = Math.min(span[0], span[1]);
            hi = Math.max(span[0], span[1]);
        }
        return {
            first: monthDays(rows.first_month, lo)[0],
            last: monthDays(rows.first_month, hi)[1],
            place: stored.place || null,
            lens: stored.lens || "all",
            grades: Array.isArray(stored.grade) ? stored.grade : [],
        };
    }

    window.campsRange = {headlines: headlines, viewOf: viewOf};

    // The 4 cards' figures, then their context lines: the clientside callbacks' 8 outputs.
    function cards(rows, view) {
        var out = headlines(rows, view);
        var names = rows.headlines.map(function (h) { return h.name; });
        return names.map(function (n) { return out[n].text; }).concat(names.map(function (n) { return out[n].context; }));
    }

    function usable(rows, stored) {
        return rows && stored && stored.from && rows.lenses.indexOf(stored.lens || "all") >= 0;
    }

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.camps = Object.assign({}, window.dash_clientside.camps, {
        // The stored view (any change of the view: URL, story, map click, lens, playback).
        headlines: function (stored, rows) {
            if (!usable(rows, stored)) return new Array(8).fill(window.dash_clientside.no_update);
            return cards(rows, viewOf(rows, null, stored));
        },
        // A slider step as the reader moves a handle (drag_value: a drag, or an arrow key), with the stored view's
        // place and lens. It reads no property the view callback writes, so Dash runs it at once instead of
        // after the view callback's answer.
        headlinesOfSlider: function (span, stored, rows) {
            if (!usable(rows, stored) || !Array.isArray(span) || span.length !== 2) {
                return new Array(8).fill(window.dash_clientside.no_update);
            }
            return cards(rows, viewOf(rows, span, stored));
        },
    });
})();
