// Stand-in for the npm package polybooljs (13 KB minified) in the course's plotly.js. plotly.js
// uses it only to merge or cut selections drawn with the box or lasso select tools while Shift
// or Alt is held. The course's charts offer no select tool: the toolbar holds only "download"
// and "reset" (static/chart-controls.js), drag zooms on a wide screen and does nothing on a
// phone. If a future chart offers selecting, this says so instead of failing silently.
'use strict';

function unavailable() {
    throw new Error('Merging selections is not in the course plotly.js bundle: remove the '
        + 'polybooljs stand-in in tools/plotly_bundle before offering select tools.');
}

exports.union = unavailable;
exports.difference = unavailable;
exports.intersect = unavailable;
exports.xor = unavailable;
