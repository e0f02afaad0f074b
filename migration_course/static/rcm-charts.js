/* Draw every course chart on the page from its embedded JSON (see migration_course/plotly_book.py).
   Loaded with `defer` after plotly.min.js, only on pages that contain a chart. */
(function () {
  "use strict";
  // Maps read their outlines from the site's own copy, never from plotly's CDN.
  var here = document.currentScript && document.currentScript.src;
  var topojsonURL = here ? here.replace(/rcm-charts\.js.*$/, "topojson/") : undefined;
  // plotly.js's name of a map's outline file (its geo "scope" and "resolution").
  function outlineName(fig) {
    var geo = (fig.layout && fig.layout.geo) || {};
    return String(geo.scope || "world").replace(/ /g, "-") + "_" + (geo.resolution || 110) + "m";
  }
  // A map's outline comes as a script (topojson/<name>.js, written by the build), not fetched:
  // a page opened from disk (the offline archive) may not fetch. If the script is missing,
  // plotly.js fetches <name>.json itself.
  function withOutline(fig, then) {
    var isMap = (fig.data || []).some(function (t) { return t.type === "choropleth" || t.type === "scattergeo"; });
    var name = outlineName(fig);
    var known = window.PlotlyGeoAssets && window.PlotlyGeoAssets.topojson;
    if (!isMap || !topojsonURL || (known && known[name])) { then(); return; }
    var script = document.createElement("script");
    script.src = topojsonURL + name + ".js";
    script.onload = script.onerror = then;
    document.head.appendChild(script);
  }
  function draw(div) {
    var data = document.getElementById(div.id + "-data");
    if (!data || div.dataset.drawn) { return; }
    var fig = JSON.parse(data.textContent);
    div.dataset.drawn = "1";
    withOutline(fig, function () { drawFigure(div, fig); });
  }
  function drawFigure(div, fig) {
    var config = JSON.parse(div.dataset.config || "{}");
    if (topojsonURL) { config.topojsonURL = topojsonURL; }
    // Controls, phone layout and toolbar: static/chart-controls.js (loaded just before this file).
    if (window.RCMChartControls && fig.controls) { window.RCMChartControls.draw(div, fig, config); return; }
    div.innerHTML = "";
    window.Plotly.newPlot(div, fig.data, fig.layout || {}, config).then(function (gd) {
      if (fig.frames && fig.frames.length) { window.Plotly.addFrames(gd, fig.frames); }
    });
  }
  function drawAll() {
    if (!window.Plotly) {
      // The words are the page's (data-unavailable, from the string catalogue), never this file's.
      document.querySelectorAll(".rcm-plotly-placeholder[data-unavailable]").forEach(function (p) {
        p.textContent = p.dataset.unavailable;
      });
      return;
    }
    document.querySelectorAll("div.rcm-plotly").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
