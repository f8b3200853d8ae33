// Camps Atlas embeds: draw the chart whose figure JSON is in the page (no inline script: the CSP allows none).
//
// A chart whose written labels are laid out for a plot width (relocations, context) comes twice: as the page draws
// it, and laid out for a narrower frame (#figure-narrow, exports.embed): the frame's width picks one, and a frame
// narrower still scrolls the chart sideways instead of cutting its labels. After every draw the embed tells the
// host page its height (postMessage {<data-message>: {height}}), which the share bar's embed code uses to size the
// iframe to the chart and its caption.
(function () {
  var holder = document.getElementById('chart');
  var box = holder.closest('figure');
  var wide = JSON.parse(document.getElementById('figure').textContent);
  var narrowBlock = document.getElementById('figure-narrow');
  var narrow = narrowBlock ? JSON.parse(narrowBlock.textContent) : null;
  var config = {
    topojsonURL: holder.dataset.topojson,
    displaylogo: false,
    showSendToCloud: false,
    responsive: true,
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'sendDataToCloud'],
    toImageButtonOptions: {format: 'png', filename: holder.dataset.filename, scale: 2}
  };
  var drawn = null;

  function pick() {
    return narrow && box.clientWidth < Number(holder.dataset.widePx) ? narrow : wide;
  }

  function tellHeight() {
    if (window.parent === window) return;
    var message = {};
    message[holder.dataset.message] = {height: Math.ceil(box.getBoundingClientRect().height) + 2};
    window.parent.postMessage(message, '*');
  }

  function draw() {
    var figure = pick();
    if (figure === drawn) return tellHeight();
    drawn = figure;
    if (narrow) holder.style.minWidth = (Number(holder.dataset.narrowPx) - 16) + 'px';
    Plotly.react(holder, figure.data, figure.layout, config).then(tellHeight);
  }

  draw();
  window.addEventListener('resize', draw);
})();
