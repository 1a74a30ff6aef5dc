// Relations page: the actor graph (vis-network) from /graph, and the cooperation/conflict chart (Chart.js) from
// /timeline for the chosen pair.
(function () {
  "use strict";
  const graphBox = document.getElementById("graph");
  const dates = {};
  ["since", "until"].forEach(function (name) { if (graphBox.dataset[name]) dates[name] = graphBox.dataset[name]; });
  fetch("/graph?" + new URLSearchParams(Object.assign({limit: 60}, dates))).then(function (r) { return r.json(); }).then(function (graph) {
    const maxEvents = Math.max(1, ...graph.nodes.map(function (n) { return n.events; }));
    const nodes = graph.nodes.map(function (n) {
      return {id: n.id, label: n.label, title: n.id + (n.country ? " · " + n.country : "") + " · " + n.events,
              value: n.events, color: n.country ? undefined : "#bbb"};
    });
    const edges = graph.edges.map(function (e) {
      const hostile = e.goldstein !== null && e.goldstein < 0;
      return {from: e.from, to: e.to, value: e.events, arrows: "to",
              color: {color: hostile ? "#c62828" : "#2e7d32"},
              title: e.from + " → " + e.to + ": +" + e.cooperation + " / −" + e.conflict
                     + (e.goldstein === null ? "" : " · Goldstein " + e.goldstein)};
    });
    const network = new vis.Network(graphBox, {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)}, {
      nodes: {shape: "dot", scaling: {min: 8, max: 8 + 24 * Math.min(1, maxEvents / 10)}, font: {size: 14}},
      edges: {scaling: {min: 1, max: 6}, smooth: {type: "dynamic"}},
      physics: {stabilization: {iterations: 150}},
      interaction: {hover: true},
    });
    network.on("click", function (params) {
      if (params.nodes.length) {
        window.location = graphBox.dataset.entityUrl.replace("__ID__", encodeURIComponent(params.nodes[0]));
      }
    });
    network.once("stabilizationIterationsDone", function () { graphBox.dataset.ready = "true"; });
    graphBox.dataset.nodes = String(nodes.length);
  });

  const canvas = document.getElementById("timeline");
  if (!canvas.dataset.pair) return;
  const params = new URLSearchParams(Object.assign({pair: canvas.dataset.pair, period: canvas.dataset.period}, dates));
  fetch("/timeline?" + params).then(function (r) { return r.json(); }).then(function (answer) {
    const rows = answer.rows || [];
    if (!rows.length) {
      document.getElementById("timeline-empty").hidden = false;
      return;
    }
    new Chart(canvas, {
      data: {
        labels: rows.map(function (r) { return r.period; }),
        datasets: [
          {type: "bar", label: canvas.dataset.cooperation, backgroundColor: "#2e7d32", stack: "events",
           data: rows.map(function (r) { return (r.verbal_coop || 0) + (r.material_coop || 0); })},
          {type: "bar", label: canvas.dataset.conflict, backgroundColor: "#c62828", stack: "events",
           data: rows.map(function (r) { return -((r.verbal_conflict || 0) + (r.material_conflict || 0)); })},
          {type: "line", label: canvas.dataset.goldstein, yAxisID: "goldstein", borderColor: "#1565c0",
           data: rows.map(function (r) { return r.goldstein; })},
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: {y: {stacked: true, title: {display: true, text: "±"}},
                 goldstein: {position: "right", min: -10, max: 10, grid: {drawOnChartArea: false}}},
      },
    });
    canvas.dataset.ready = "true";
  });
})();
