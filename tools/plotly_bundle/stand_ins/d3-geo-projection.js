// Stand-in for the npm package d3-geo-projection (63 KB minified) in the course's plotly.js.
// plotly.js looks a map projection up in d3-geo first and in d3-geo-projection only for the
// exotic ones (Robinson, Winkel tripel, ...). The course's maps use d3-geo's own projections
// (tests/test_plotly_bundle.py lists them and fails on any other), so nothing is looked up here.
'use strict';
