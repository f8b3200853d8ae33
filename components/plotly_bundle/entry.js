// The plotly.js traces Camps Atlas draws (bar, scatter, scattergeo), registered on plotly.js's core.
// Built by build.sh into ../assets/vendor/; dcc.Graph uses window.Plotly when it is defined.
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/scattergeo')]);
module.exports = Plotly;
