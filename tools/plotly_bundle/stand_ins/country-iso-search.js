// Stand-in for the npm package country-iso-search (52 KB minified) in the course's plotly.js.
// plotly.js needs it only for choropleth `locationmode: "country names"`; the course's maps name
// countries by ISO-3 codes (plotly.js's default mode, which needs no lookup), and
// tests/test_plotly_bundle.py fails if a chart ever uses another mode. With this stand-in a
// country name finds no country, and plotly.js logs "Unrecognized country name" as it would for
// a misspelt one.
'use strict';

exports.COUNTRIES = [];
exports.createLookup = function () {
    return { lookupAlpha3: function () { return undefined; } };
};
