// Camps Atlas embeds: draw the chart whose figure JSON is in the page (no inline script: the CSP allows none).
(function () {
  var holder = document.getElementById('chart');
  var figure = JSON.parse(document.getElementById('figure').textContent);
  Plotly.newPlot(holder, figure.data, figure.layout, {
    topojsonURL: holder.dataset.topojson,
    displaylogo: false,
    showSendToCloud: false,
    responsive: true,
    modeBarButtonsToRemove: ['select2d', 'lasso2d', 'sendDataToCloud'],
    toImageButtonOptions: {format: 'png', filename: holder.dataset.filename, scale: 2}
  });
})();
