/* Course charts on the site: form controls beside each chart, a phone layout, a small toolbar.
   The page carries each chart as JSON made by migration_course/charts/page.py: the figure
   without its in-canvas menus, title and source, one entry per control (the plotly arguments of
   each choice), the layout for narrow screens and the values it replaces. Every word comes from
   the page (the string catalogue), never from this file. Loaded with `defer` before
   rcm-charts.js, which calls RCMChartControls.draw for every chart. */
(function () {
  "use strict";
  var NARROW = "(max-width: 600px)";
  var NARROW_CHARS = { xaxis: 22, yaxis: 38 }; // as migration_course/charts/page.py wraps axis titles

  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function setPath(tree, path, value) {
    var parts = path.split("."), node = tree;
    for (var i = 0; i < parts.length - 1; i++) {
      if (typeof node[parts[i]] !== "object" || node[parts[i]] === null) { node[parts[i]] = {}; }
      node = node[parts[i]];
    }
    if (value === null || value === undefined) { delete node[parts[parts.length - 1]]; }
    else { node[parts[parts.length - 1]] = clone(value); }
  }

  // Traces a data change applies to: those that have its first attribute (a colour bar).
  function tracesFor(data, change) {
    var keys = Object.keys(change || {});
    if (!keys.length) { return []; }
    var first = keys[0].split(".")[0];
    return data.map(function (t, i) { return first in t ? i : -1; }).filter(function (i) { return i >= 0; });
  }

  function applyBeforeDrawing(spec, change) {
    Object.keys(change.layout || {}).forEach(function (k) { setPath(spec.layout, k, change.layout[k]); });
    tracesFor(spec.data, change.data).forEach(function (i) {
      Object.keys(change.data).forEach(function (k) { setPath(spec.data[i], k, change.data[k][0]); });
    });
  }

  function applyDrawn(gd, change) {
    var traces = tracesFor(gd.data, change.data);
    if (traces.length) { return window.Plotly.update(gd, clone(change.data), clone(change.layout || {}), traces); }
    return window.Plotly.relayout(gd, clone(change.layout || {}));
  }

  function wrap(text, width) {
    var words = String(text).replace(/<br>/g, " ").split(/\s+/), lines = [], line = "";
    words.forEach(function (w) {
      if (line && (line + " " + w).length > width) { lines.push(line); line = w; }
      else { line = line ? line + " " + w : w; }
    });
    if (line) { lines.push(line); }
    return lines.join("<br>");
  }

  function slug(text) {
    return (String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "chart").slice(0, 80);
  }

  // The image a reader downloads has its title and source line back, at a desktop size.
  function downloadImage(gd, spec, title) {
    var layout = clone(gd.layout), data = clone(gd.data);
    Object.keys(spec.wide.layout || {}).forEach(function (k) { setPath(layout, k, spec.wide.layout[k]); });
    tracesFor(data, spec.wide.data).forEach(function (i) {
      Object.keys(spec.wide.data).forEach(function (k) { setPath(data[i], k, spec.wide.data[k][0]); });
    });
    // The figure's own margins and height had room for the source line under the axis title
    // (and for the in-canvas controls above, which a downloaded image does not show).
    var height = spec.image.height || layout.height || 440;
    layout.title = Object.assign({}, spec.image.title || {}, { text: title });
    layout.annotations = (layout.annotations || []).concat(spec.image.annotations || []);
    layout.margin = Object.assign({}, spec.image.margin || layout.margin, { t: 80 });
    layout.height = height;
    return window.Plotly.downloadImage({ data: data, layout: layout },
      { format: "png", width: 960, height: height, filename: slug(title) });
  }

  function toolbar(config, spec, titleOf) {
    var words = config.rcmToolbar || {};
    delete config.rcmToolbar;
    var download = {
      name: "rcm-download-image", title: words.download, icon: window.Plotly.Icons.camera,
      click: function (gd) { downloadImage(gd, spec, titleOf()); }
    };
    config.modeBarButtons = [[download, spec.reset]];
    return config;
  }

  function wireControls(gd, spec, box, narrow) {
    var state = spec.controls.map(function (c) { return c.active; });
    var title = box.querySelector(".rcm-chart-title");
    function choose(n, i) {
      var option = spec.controls[n].options[i];
      var layout = clone(option.layout || {});
      state[n] = i;
      Object.keys(layout).forEach(function (k) {
        if (/^[xy]axis\.title\.text$/.test(k)) {
          if (spec.wide.layout && k in spec.wide.layout) { spec.wide.layout[k] = layout[k]; }
          if (narrow.matches && spec.narrow.layout && k in spec.narrow.layout) { layout[k] = wrap(layout[k], NARROW_CHARS[k.slice(0, 5)]); }
        }
      });
      var text = option.title;
      if (spec.titles && spec.titles.by && spec.titles.by.indexOf(n) >= 0) {
        text = spec.titles.text[spec.titles.by.map(function (k) { return state[k]; }).join("|")];
      }
      if (text && title) { title.textContent = text; }
      return window.Plotly.update(gd, clone(option.data || {}), layout);
    }
    box.querySelectorAll("select[data-control]").forEach(function (select) {
      select.addEventListener("change", function () { choose(+select.dataset.control, +select.value); });
    });
    box.querySelectorAll("button[data-control]").forEach(function (button) {
      button.addEventListener("click", function () {
        var n = +button.dataset.control;
        box.querySelectorAll('button[data-control="' + n + '"]').forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
        choose(n, +button.dataset.option);
      });
    });
    box.querySelectorAll('input[type="range"][data-control]').forEach(function (range) {
      var output = box.querySelector('output[for="' + range.id + '"]');
      range.addEventListener("input", function () {
        var n = +range.dataset.control, label = spec.controls[n].options[+range.value].label;
        range.setAttribute("aria-valuetext", label);
        if (output) { output.textContent = label; }
        choose(n, +range.value);
      });
    });
    var controls = box.querySelector(".rcm-chart-controls");
    if (controls) { controls.hidden = false; }
  }

  function draw(div, spec, config) {
    var box = div.closest(".rcm-chart") || div.parentNode;
    var title = box.querySelector(".rcm-chart-title");
    var narrow = window.matchMedia(NARROW);
    if (narrow.matches && spec.narrow.layout) { applyBeforeDrawing(spec, spec.narrow); }
    toolbar(config, spec, function () { return title ? title.textContent : ""; });
    div.innerHTML = "";
    return window.Plotly.newPlot(div, spec.data, spec.layout, config).then(function (gd) {
      wireControls(gd, spec, box, narrow);
      narrow.addEventListener("change", function (e) {
        applyDrawn(gd, e.matches ? spec.narrow : spec.wide);
      });
      return gd;
    });
  }

  window.RCMChartControls = { draw: draw };
})();
