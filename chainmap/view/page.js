// chainmap's page script. Everything from the account (names, titles, notes) arrives as JSON and is only ever
// put into text nodes (textContent, createTextNode) or drawn as canvas text, so a name can never become markup.
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("page-data").textContent);
  var graph = JSON.parse(document.getElementById("graph-data").textContent);
  var nodes = new vis.DataSet(graph.nodes);
  var edges = new vis.DataSet(graph.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.options);
  var view = { network: network, nodes: nodes, edges: edges, drawnAt: null };
  window.chainmapView = view;
  // The force layout settles for a capped number of steps before the first drawing, then the map stands still.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    fitAll();
  });
  network.once("afterDrawing", function () {
    view.drawnAt = performance.now();
  });

  // Department frames follow their members as they are dragged or filtered, so they are drawn from live positions.
  var PAD = 34;
  var TITLE_FONT = "bold 15px system-ui, 'Noto Sans CJK SC', sans-serif";
  function shown(ids) {
    return ids.filter(function (id) {
      var node = nodes.get(id);
      return node && !node.hidden;
    });
  }
  function around(ids) {
    var positions = network.getPositions(ids);
    var box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var p = positions[id];
      box.left = Math.min(box.left, p.x - PAD); box.right = Math.max(box.right, p.x + PAD);
      box.top = Math.min(box.top, p.y - PAD); box.bottom = Math.max(box.bottom, p.y + PAD);
    });
    return box;
  }
  function frames() {
    return page.groups.map(function (group) {
      var ids = shown(group.members);
      if (!ids.length) return null;
      var frame = around(ids);
      frame.title = group.untouched ? group.name + " · " + page.ui.untouched : group.name;
      frame.untouched = group.untouched;
      return frame;
    }).filter(Boolean);
  }
  network.on("beforeDrawing", function (ctx) {
    frames().forEach(function (frame) {
      ctx.save();
      ctx.lineWidth = frame.untouched ? 3 : 1.5;
      ctx.setLineDash(frame.untouched ? [10, 6] : []);
      ctx.strokeStyle = frame.untouched ? "#d64545" : "#90a4ae";
      ctx.fillStyle = frame.untouched ? "rgba(214, 69, 69, 0.08)" : "rgba(144, 164, 174, 0.08)";
      ctx.beginPath();
      ctx.rect(frame.left, frame.top, frame.right - frame.left, frame.bottom - frame.top);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = frame.untouched ? "#b71c1c" : "#37474f";
      ctx.font = TITLE_FONT;
      ctx.fillText(frame.title, frame.left, frame.top - 8);
      ctx.restore();
    });
  });

  // vis-network fits the nodes only; the frames and their titles reach further, so the view fits those.
  function fitAll() {
    var ids = shown(nodes.getIds());
    if (!ids.length) return;
    var box = around(ids);
    // Names under the nodes are wider than the nodes.
    box.left -= 50;
    box.right += 50;
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = TITLE_FONT;
    frames().forEach(function (frame) {
      box.right = Math.max(box.right, frame.left + measure.measureText(frame.title).width);
      box.top = Math.min(box.top, frame.top - 24);
    });
    var scale = 0.97 * Math.min(container.clientWidth / (box.right - box.left), container.clientHeight / (box.bottom - box.top));
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale, animation: false });
  }

  var tip = document.getElementById("tooltip");
  function hideTip() {
    tip.hidden = true;
  }
  function showTip(id, at) {
    var node = nodes.get(id);
    if (!node) return;
    tip.textContent = "";
    var head = document.createElement("div");
    head.className = "name";
    head.textContent = node.name;
    tip.appendChild(head);
    (node.tip || []).forEach(function (line) {
      var row = document.createElement("div");
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = line[0] + ": ";
      row.appendChild(label);
      row.appendChild(document.createTextNode(line[1]));
      tip.appendChild(row);
    });
    tip.hidden = false;
    var box = container.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(box.left + at.x + 16, window.innerWidth - tip.offsetWidth - 4)) + "px";
    tip.style.top = Math.max(4, Math.min(box.top + at.y + 16, window.innerHeight - tip.offsetHeight - 4)) + "px";
  }
  network.on("hoverNode", function (event) {
    showTip(event.node, event.pointer.DOM);
  });
  // A tablet has no hover: a tap shows the same tooltip.
  network.on("click", function (event) {
    if (event.nodes.length) showTip(event.nodes[0], event.pointer.DOM);
    else hideTip();
  });
  network.on("blurNode", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });

  var search = document.getElementById("search");
  var found = document.getElementById("found");
  function runSearch() {
    var query = search.value.trim().toLowerCase();
    if (!query) {
      network.unselectAll();
      found.textContent = "";
      return;
    }
    var hits = nodes.getIds({
      filter: function (node) {
        return !node.hidden && String(node.name).toLowerCase().indexOf(query) >= 0;
      },
    });
    network.selectNodes(hits, false);
    found.textContent = hits.length ? page.ui.found.replace("{count}", hits.length) : page.ui.none_found;
    if (hits.length) network.focus(hits[0], { scale: Math.max(network.getScale(), 1), animation: false });
  }
  search.addEventListener("input", runSearch);

  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  function applyFilters() {
    var want = {};
    var any = false;
    selects.forEach(function (select) {
      want[select.dataset.filter] = select.value;
      any = any || select.value !== "";
    });
    nodes.update(
      nodes.map(function (node) {
        var show;
        if (node.kind === "person") {
          show = (!want.department || node.department === want.department) &&
            (!want.attitude || node.attitude === want.attitude) &&
            (!want.role || node.roles.indexOf(want.role) >= 0);
        } else if (node.kind === "department") {
          show = !any || (want.department === node.department && !want.attitude && !want.role);
        } else {
          show = !any;
        }
        return { id: node.id, hidden: !show };
      })
    );
    runSearch();
  }
  selects.forEach(function (select) {
    select.addEventListener("change", applyFilters);
  });
  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    selects.forEach(function (select) {
      select.value = "";
    });
    applyFilters();
    fitAll();
  });

  fitAll();
  if (page.focus && nodes.get(page.focus)) network.selectNodes([page.focus], false);
})();
