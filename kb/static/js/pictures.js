/* Draws the charts and maps of a page from their JSON islands with the vendored ECharts.
 * Every picture has a table or list with the same figures next to it, so nothing is lost without this script. */
(function () {
  "use strict";
  if (!window.echarts) return;
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var drawn = [];

  function island(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function follow(url) {
    if (url) window.location.assign(url);
  }

  function chartOption(data) {
    var labels = data.rows.map(function (row) { return row.label; });
    var base = { animation: !still, tooltip: { trigger: data.kind === "heatmap" ? "item" : "axis", confine: true, renderMode: "richText" }, textStyle: { fontSize: 13 } };
    if (data.kind === "heatmap") {
      var cells = [], max = 1;
      data.rows.forEach(function (row, y) {
        row.values.forEach(function (value, x) { cells.push([x, y, value]); max = Math.max(max, value); });
      });
      return Object.assign(base, {
        grid: { left: 8, right: 8, top: 8, bottom: 40, containLabel: true },
        xAxis: { type: "category", data: data.columns, position: "top", axisLabel: { interval: 0 } },
        yAxis: { type: "category", data: labels, inverse: true, axisLabel: { width: 150, overflow: "truncate" } },
        visualMap: { min: 0, max: max, calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, inRange: { color: ["#f4f7fb", "#1d4e89"] } },
        series: [{ type: "heatmap", data: cells, label: { show: true }, emphasis: { itemStyle: { borderColor: "#000", borderWidth: 1 } } }]
      });
    }
    var series = data.columns.map(function (column, index) {
      return { name: column, type: "bar", data: data.rows.map(function (row) { return row.values[index]; }) };
    });
    var categories = { type: "category", data: labels, axisLabel: { interval: 0, width: 150, overflow: "truncate" } };
    var values = { type: "value", minInterval: 1 };
    if (data.kind === "columns") {
      return Object.assign(base, { legend: { top: 0 }, grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true }, xAxis: categories, yAxis: values, series: series });
    }
    categories.inverse = true;
    return Object.assign(base, { legend: { top: 0 }, grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true }, xAxis: values, yAxis: categories, series: series });
  }

  function chartHeight(data) {
    if (data.kind === "heatmap") return 70 + data.rows.length * 30;
    if (data.kind === "columns") return 280;
    return 60 + data.rows.length * Math.max(22, data.columns.length * 9 + 8);
  }

  function drawChart(element) {
    var data = island(element.getAttribute("data-chart"));
    if (!data) return;
    element.style.height = chartHeight(data) + "px";
    var chart = window.echarts.init(element, null);
    chart.setOption(chartOption(data));
    chart.on("click", function (event) {
      var row = data.rows[data.kind === "heatmap" ? event.value[1] : event.dataIndex];
      var column = data.kind === "heatmap" ? event.value[0] : event.seriesIndex;
      if (row) follow(row.urls[column]);
    });
    drawn.push(chart);
  }

  function bounds(places) {
    var lons = places.map(function (place) { return place.lon; }), lats = places.map(function (place) { return place.lat; });
    var pad = 4;
    return [[Math.min.apply(null, lons) - pad, Math.max.apply(null, lats) + pad], [Math.max.apply(null, lons) + pad, Math.min.apply(null, lats) - pad]];
  }

  function drawMap(element, atlas) {
    var data = island(element.getAttribute("data-map"));
    if (!data || !data.places.length) return;
    var chart = window.echarts.init(element, null);
    var biggest = Math.max.apply(null, data.places.map(function (place) { return place.count; }).concat([1]));
    chart.setOption({
      animation: !still,
      tooltip: { trigger: "item", confine: true, renderMode: "richText", formatter: function (item) { return item.name + (item.data ? ": " + item.data.value[2] : ""); } },
      geo: {
        map: "world", roam: true, boundingCoords: bounds(data.places), silent: true,
        itemStyle: { areaColor: "#eef1f5", borderColor: "#8a94a6" }
      },
      series: [{
        type: "scatter", coordinateSystem: "geo",
        data: data.places.map(function (place) { return { name: place.name, value: [place.lon, place.lat, place.count], url: place.url }; }),
        symbolSize: function (value) { return 7 + 22 * Math.sqrt(value[2] / biggest); },
        itemStyle: { color: "#c0392b", opacity: 0.8, borderColor: "#fff", borderWidth: 1 },
        cursor: "pointer"
      }]
    });
    chart.on("click", function (event) { if (event.data) follow(event.data.url); });
    drawn.push(chart);
  }

  function drawMaps(maps) {
    if (!maps.length || !window.topojson) return;
    fetch(maps[0].getAttribute("data-atlas"))
      .then(function (response) { return response.json(); })
      .then(function (topology) {
        window.echarts.registerMap("world", window.topojson.feature(topology, topology.objects.countries));
        maps.forEach(function (element) { drawMap(element, topology); });
      });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), drawChart);
  drawMaps(Array.prototype.slice.call(document.querySelectorAll("[data-map]")));

  window.addEventListener("resize", function () { drawn.forEach(function (chart) { chart.resize(); }); });
  // On paper the figures print as tables beside the pictures.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.chart__figures"), function (details) { details.open = true; });
  });
})();
