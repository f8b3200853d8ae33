/* The data table is drawn only while it is on screen (or about to be).
 *
 * A whole view's rows are ~230 kB of HTML. Drawing them on every step of the date range cost every step ~50 ms,
 * even though the table sits below the charts, where most readers never see it during a step. This file watches the
 * table and tells the page (the data-table-in-view store, through dash_clientside.set_props) when it comes within
 * MARGIN_PX of the screen and when it leaves. The table callback draws the rows while the store is true; while it
 * is false, the table holds a note saying the rows come when it is scrolled into view, so a stale row never shows.
 * Scrolling to the table, tabbing into it, or a screen reader moving into it brings it on screen.
 *
 * Served from /assets/ (CSP 'self').
 */
(function () {
    "use strict";

    const STORE = "data-table-in-view";
    const TABLE = "data-table";
    const MARGIN_PX = 300;
    let watched = null;
    let inView = false;

    function report(entries) {
        const now = entries.some((e) => e.isIntersecting);
        if (now !== inView && window.dash_clientside && window.dash_clientside.set_props) {
            inView = now;
            window.dash_clientside.set_props(STORE, {data: now});
        }
    }

    const observer = new IntersectionObserver(report, {rootMargin: `${MARGIN_PX}px 0px`});

    function watch() {
        const table = document.getElementById(TABLE);
        if (!table || table === watched) {
            return;
        }
        if (watched) {
            observer.unobserve(watched);
        }
        watched = table;
        inView = false;
        observer.observe(table);
    }

    // Printing: ask for the rows. The print that fires this event may be taken before they arrive; a print made
    // after that holds them (the PDF report and the CSV export hold every row in any case).
    window.addEventListener("beforeprint", () => report([{isIntersecting: true}]));

    // Dash renders the layout after this file runs, and may render it again: watch the table once it is there.
    new MutationObserver(watch).observe(document.documentElement, {childList: true, subtree: true});
    watch();
})();
