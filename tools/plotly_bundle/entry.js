// The course's own plotly.js: the core (the scatter trace, legend, hover, menus, sliders,
// toolbar) plus only the trace types the course's charts draw. rcm-core is plotly.js's own core
// less the components no chart uses, written by tools/plotly_bundle at build time. A chart that
// needs another type adds its line here and rebuilds (`make plotly-bundle`);
// tests/test_plotly_bundle.py fails until it does.
'use strict';

var Plotly = require('plotly.js/src/rcm-core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    // Toolbar and number formats in Spanish, the language of most participants (a few KB).
    require('plotly.js/lib/locales/es')
]);

module.exports = Plotly;
