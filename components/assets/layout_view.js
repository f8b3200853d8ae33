/* Camps Atlas: the page's layout request carries the page's query (?from=…&to=…&place=…&lens=…, or a story step),
 * so the server sends the layout with that view's figures already in it (components/first_paint.py) and the page
 * draws them without waiting for a callback. Dash's renderer asks for `_dash-layout` without the query, and the
 * page sends no Referer (Referrer-Policy: no-referrer): this wraps window.fetch for that one request.
 *
 * Served from /assets/ (CSP 'self'); assets run before Dash's renderer starts and asks for the layout.
 */
(function () {
    "use strict";
    var fetch = window.fetch;
    window.fetch = function (input, init) {
        if (typeof input === "string" && /(^|\/)_dash-layout$/.test(input) && window.location.search) {
            input += window.location.search;
        }
        return fetch.call(this, input, init);
    };
})();
