/* Camps Atlas: the page's <title> names the view (range, place, lens, grades), so a bookmark, a tab and a
 * browser history entry say which view they hold. The view callback (and the first paint) write the view's name
 * into the hidden #view-title; this observer copies it into document.title. Served from /assets/ (CSP 'self'). */
(function () {
    "use strict";
    var BASE = "Camps Atlas";

    function follow(node) {
        var name = (node.textContent || "").trim();
        document.title = name ? BASE + " · " + name : BASE;
    }

    function watch() {
        var node = document.getElementById("view-title");
        if (!node) return false;
        follow(node);
        new MutationObserver(function () { follow(node); }).observe(node, {childList: true, characterData: true, subtree: true});
        return true;
    }

    if (!watch()) {
        var waiting = new MutationObserver(function () { if (watch()) waiting.disconnect(); });
        waiting.observe(document.documentElement, {childList: true, subtree: true});
    }
})();
