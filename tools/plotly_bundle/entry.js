// The course's own plotly.js: the core (the scatter trace, legend, hover, menus, sliders,
// toolbar) plus only the trace types the course's charts draw. A chart that needs another type
// adds its line here and rebuilds (`make plotly-bundle`); tests/test_plotly_bundle.py fails
// until it does.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    // Toolbar and number formats in Spanish, the language of most participants (a few KB).
    require('plotly.js/lib/locales/es')
]);

module.exports = Plotly;
