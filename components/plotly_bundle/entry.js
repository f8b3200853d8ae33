// The plotly.js traces Camps Atlas draws (bar, scatter, scattergeo), registered on plotly.js's core, with the
// world calendars (Persian date axes: `calendar: 'persian'`) and the locales of the page's languages (fa, ar, sq).
// Built by build.sh into ../assets/vendor/; dcc.Graph uses window.Plotly when it is defined.
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/calendars'),
    require('plotly.js/lib/locales/fa'),
    require('plotly.js/lib/locales/ar'),
    require('plotly.js/lib/locales/sq'),
]);
// plotly.js makes its calendar instances in the calendars' default language, whose Persian month names are
// transliterated ('Shahrivar'); the app sets `calendar: 'persian'` only on Persian pages, so the default takes the
// Persian names of world-calendars' own Persian localisation ('شهریور').
var persian = require('world-calendars/dist/main').calendars.persian.prototype.regionalOptions;
require('world-calendars/dist/calendars/persian-fa');
persian[''] = Object.assign({}, persian[''], {
    monthNames: persian.fa.monthNames,
    monthNamesShort: persian.fa.monthNamesShort,
});
module.exports = Plotly;
