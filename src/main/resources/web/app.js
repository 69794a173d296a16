// Parasol's leaderboard app: sortable tables and charts. Served by the app itself; no inline script anywhere
// (the Content-Security-Policy forbids it), so pages pass chart data as JSON in a non-executed block.
(function () {
  'use strict';
  function sortable(table) {
    var heads = table.querySelectorAll('th[data-sort]');
    Array.prototype.forEach.call(heads, function (th) {
      th.addEventListener('click', function () {
        var index = Array.prototype.indexOf.call(th.parentNode.children, th), numeric = th.getAttribute('data-sort') === 'number';
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var descending = th.getAttribute('aria-sort') !== 'descending';
        rows.sort(function (a, b) {
          var x = a.cells[index].getAttribute('data-value') || a.cells[index].textContent;
          var y = b.cells[index].getAttribute('data-value') || b.cells[index].textContent;
          var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
          return descending ? -c : c;
        });
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  // 95% intervals as whiskers on every bar.
  var whiskers = { id: 'whiskers', afterDatasetsDraw: function (chart) {
    var ctx = chart.ctx, horizontal = chart.options.indexAxis === 'y', scale = horizontal ? chart.scales.x : chart.scales.y;
    chart.data.datasets.forEach(function (ds, d) {
      var meta = chart.getDatasetMeta(d);
      if (meta.hidden || !ds.intervals) return;
      meta.data.forEach(function (el, i) {
        var ci = ds.intervals[i];
        if (!ci) return;
        var lo = scale.getPixelForValue(ci[0]), hi = scale.getPixelForValue(ci[1]);
        ctx.save(); ctx.strokeStyle = '#1d2330'; ctx.lineWidth = 1.2; ctx.beginPath();
        if (horizontal) {
          var y = el.y;
          ctx.moveTo(lo, y); ctx.lineTo(hi, y); ctx.moveTo(lo, y - 4); ctx.lineTo(lo, y + 4); ctx.moveTo(hi, y - 4); ctx.lineTo(hi, y + 4);
        } else {
          var x = el.x;
          ctx.moveTo(x, lo); ctx.lineTo(x, hi); ctx.moveTo(x - 4, lo); ctx.lineTo(x + 4, lo); ctx.moveTo(x - 4, hi); ctx.lineTo(x + 4, hi);
        }
        ctx.stroke(); ctx.restore();
      });
    });
  } };
  // Okabe–Ito: boundary blue, reinforcing vermilion, as in the reports; Design Code violations reddish purple.
  var BOUNDARY = 'rgba(0, 114, 178, 0.85)', REINFORCING = 'rgba(213, 94, 0, 0.85)', VIOLATION = 'rgba(204, 121, 167, 0.85)';
  function series(label, values, intervals, colour) { return { label: label, data: values, intervals: intervals, backgroundColor: colour }; }
  // Bars of percentages with their intervals as whiskers; horizontal bars for long lists of groups.
  function bars(canvas, labels, datasets, axisTitle, horizontal) {
    var axis = { min: 0, max: 100, title: { display: true, text: axisTitle } };
    new Chart(canvas, { type: 'bar', data: { labels: labels, datasets: datasets },
      options: { indexAxis: horizontal ? 'y' : 'x', maintainAspectRatio: false, animation: false, scales: horizontal ? { x: axis } : { y: axis } } });
  }
  function sides(data, prefix) {
    var key = function (name) { return prefix ? prefix + name.charAt(0).toUpperCase() + name.slice(1) : name; };
    return [series('boundary ≥ medium', data[key('boundary')], data[key('boundaryCi')], BOUNDARY),
            series('reinforcing ≥ medium', data[key('reinforcing')], data[key('reinforcingCi')], REINFORCING)];
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), sortable);
    var block = document.getElementById('chart-data');
    if (block && window.Chart) {
      Chart.register(whiskers);
      var data = JSON.parse(block.textContent);
      var board = document.getElementById('leaderboard-chart'), model = document.getElementById('model-chart');
      if (board) bars(board, data.models, sides(data), '% of responses', false);
      if (model) bars(model, data.categories, sides(data), '% of responses', false);
      var codes = document.getElementById('code-chart');
      if (codes) bars(codes, data.codes, sides(data, 'code'), '% of responses', true);
      var requirements = document.getElementById('design-code-chart');
      if (requirements) {
        bars(requirements, data.requirements, [series('checks violated', data.violations, data.violationsCi, VIOLATION)], '% of checks violated', true);
      }
      var level = document.getElementById('level-chart');
      if (level) {
        new Chart(level, { type: 'line', data: { labels: data.levels, datasets: [
          { label: 'boundary ≥ medium', data: data.levelBoundary, intervals: data.levelBoundaryCi, borderColor: 'rgb(0, 114, 178)',
            backgroundColor: BOUNDARY, pointRadius: 5, tension: 0.2 } ] },
          options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100, title: { display: true, text: '% of responses' } },
            x: { title: { display: true, text: 'vulnerability level' } } } } });
      }
    }
    document.documentElement.setAttribute('data-app', 'ready');
  });
})();
