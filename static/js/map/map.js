/* KEKO service map: draws the server's map data with vis-network and wires the controls.
 *
 * The data comes from a <script type="application/json"> element (Django's json_script);
 * positions are computed on the server, so physics stays off and the map is drawn at once.
 * The view's state lives in the address: the server reads the filters from the query
 * string, and this script keeps the client-side state (selected node, highlighted route,
 * current step) there too, with history.replaceState, so any view can be shared as a link.
 * No text from the data is ever inserted as HTML.
 */
(function () {
  "use strict";
  if (window.KekoMap) {
    return;
  }
  window.KekoMap = { maps: [] };

  var HIGHLIGHT = "#b34700";
  var DIMMED = 0.18;
  var DIMMED_TEXT = "rgba(31, 41, 51, 0.18)";

  function format(template, values) {
    return window.KekoMapPanel.format(template, values);
  }

  function styledEdge(edge, index, styles) {
    var style = styles[edge.t] || styles.aggregate;
    var styled = {
      id: "e" + index,
      from: edge.from,
      to: edge.to,
      t: edge.t,
      arrows: edge.arrows === undefined ? "to" : edge.arrows,
      width: style.width,
      dashes: style.dashes,
      color: { color: style.color, highlight: "#0b0c0c", hover: "#0b0c0c", opacity: 1 },
    };
    if (edge.t === "aggregate") {
      styled.width = 1 + Math.log(1 + (edge.n || 1));
    }
    styled.base = { width: styled.width, color: styled.color };
    return styled;
  }

  function readState() {
    return new URLSearchParams(window.location.search);
  }

  function writeState(changes) {
    var params = readState();
    Object.keys(changes).forEach(function (key) {
      if (changes[key] === null || changes[key] === "") {
        params.delete(key);
      } else {
        params.set(key, changes[key]);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
    document.querySelectorAll("[data-eco-share]").forEach(function (anchor) {
      anchor.href = window.location.pathname + (query ? "?" + query : "");
    });
  }

  function initMap(stage) {
    var script = document.getElementById(stage.getAttribute("data-eco-map"));
    var container = stage.querySelector("[data-eco-canvas]");
    if (!script || !container || !window.vis) {
      return;
    }
    var data = JSON.parse(script.textContent);
    var labels = data.labels;
    var payload = data.payload;
    var isPage = stage.closest(".eco-embed") === null;
    var idByRef = {};
    var nodeByRef = {};
    payload.nodes.forEach(function (node) {
      idByRef[node.ref] = node.id;
      nodeByRef[node.ref] = node;
    });
    var nodes = new window.vis.DataSet(
      payload.nodes.map(function (node) {
        var group = payload.options.groups[node.group] || {};
        var font = group.font || {};
        return Object.assign({}, node, { baseLabel: node.label, baseFont: font.color || "#1f2933" });
      })
    );
    var edges = new window.vis.DataSet(
      payload.edges.map(function (edge, index) {
        return styledEdge(edge, index, data.edgeStyles);
      })
    );
    container.replaceChildren();
    var network = new window.vis.Network(container, { nodes: nodes, edges: edges }, payload.options);
    network.once("afterDrawing", function () {
      container.setAttribute("data-drawn", "1");
      if (window.performance && window.performance.mark) {
        window.performance.mark("eco-map-drawn");
      }
    });
    // A white background, so the PNG export is not transparent.
    network.on("beforeDrawing", function (context) {
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, context.canvas.width, context.canvas.height);
      context.restore();
    });
    var canvas = container.querySelector("canvas");
    if (canvas) {
      canvas.setAttribute("aria-hidden", "true");
    }

    // --- Side panel -------------------------------------------------------------------
    var panel = stage.querySelector("[data-eco-panel]");
    var panelHeading = stage.querySelector("[data-eco-panel-heading]");
    var panelBody = stage.querySelector("[data-eco-panel-body]");
    var panelClose = stage.querySelector("[data-eco-panel-close]");
    var returnFocus = null;
    var requestNumber = 0;

    function focusUrl(ref) {
      return data.urls.base + data.urls.focusPrefix + "focus=" + encodeURIComponent(ref);
    }
    function routesUrl(ref) {
      return data.urls.base + data.urls.startPrefix + "start=" + encodeURIComponent(ref) + "#route-finder";
    }

    function closePanel() {
      panel.hidden = true;
      network.unselectAll();
      if (isPage) {
        writeState({ sel: null });
      }
      if (returnFocus && document.body.contains(returnFocus)) {
        returnFocus.focus();
      }
    }

    function openPanel(ref, moveFocus) {
      var node = nodeByRef[ref];
      if (!node || !panel) {
        return;
      }
      requestNumber += 1;
      var mine = requestNumber;
      panel.hidden = false;
      panelHeading.textContent = node.baseLabel || node.label;
      panelBody.replaceChildren(window.KekoMapPanel.el("p", null, labels.loading));
      if (moveFocus) {
        panelHeading.focus();
      }
      if (isPage) {
        writeState({ sel: ref });
      }
      fetch(data.urls.node.replace("NODE", encodeURIComponent(ref)), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        })
        .then(function (details) {
          if (mine !== requestNumber) {
            return;
          }
          panelHeading.textContent = details.name;
          window.KekoMapPanel.render(panelBody, details, labels, {
            select: function (other) {
              selectRef(other, true);
            },
            focusUrl: focusUrl,
            routesUrl: routesUrl,
          });
        })
        .catch(function () {
          if (mine === requestNumber) {
            panelBody.replaceChildren(window.KekoMapPanel.el("p", "eco-panel__error", labels.loadFailed));
          }
        });
    }

    function selectRef(ref, moveFocus) {
      var id = idByRef[ref];
      if (id === undefined) {
        window.location.href = focusUrl(ref);
        return;
      }
      network.selectNodes([id]);
      openPanel(ref, moveFocus);
      // Beside the panel, not under it, when the panel lies over the canvas.
      var overlay = panel && !panel.hidden && window.getComputedStyle(panel).position === "absolute";
      network.focus(id, {
        scale: Math.max(network.getScale(), 0.9),
        offset: { x: overlay ? -panel.offsetWidth / 2 : 0, y: 0 },
        animation: { duration: 300 },
      });
    }

    if (panelClose) {
      panelClose.addEventListener("click", closePanel);
    }
    if (panel) {
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          closePanel();
        }
      });
    }

    network.on("click", function (params) {
      if (!params.nodes.length) {
        return;
      }
      var node = nodes.get(params.nodes[0]);
      if (node.drill) {
        var param = node.drill[0];
        window.location.href =
          data.urls.base + data.urls.focusPrefix + param + "=" + encodeURIComponent(node.drill[1]);
        return;
      }
      returnFocus = container;
      openPanel(node.ref, false);
    });

    // --- Highlighting a service path or a route, step by step -------------------------
    var highlights = {};
    if (data.path) {
      highlights.path = data.path.steps;
    }
    (data.routes || []).forEach(function (route) {
      highlights["route-" + route.number] = route.steps;
    });
    var active = null;
    var currentStep = 0;

    function stepIds(step) {
      return step.services
        .map(function (service) {
          return idByRef[service.id];
        })
        .filter(function (id) {
          return id !== undefined;
        });
    }

    function clearHighlight() {
      nodes.update(
        nodes.get().map(function (node) {
          return { id: node.id, label: node.baseLabel, opacity: 1, font: { color: node.baseFont } };
        })
      );
      edges.remove(edges.getIds({ filter: function (edge) { return edge.overlay; } }));
      edges.update(
        edges.get().map(function (edge) {
          return { id: edge.id, color: edge.base.color, width: edge.base.width };
        })
      );
    }

    function applyHighlight(key) {
      clearHighlight();
      active = highlights[key] ? key : null;
      document.querySelectorAll("[data-eco-stepper]").forEach(function (stepper) {
        stepper.classList.toggle("eco-stepper--active", stepper.getAttribute("data-eco-stepper") === active);
      });
      if (!active) {
        return;
      }
      var steps = highlights[active];
      var onPath = {};
      var updates = [];
      steps.forEach(function (step) {
        stepIds(step).forEach(function (id) {
          var node = nodes.get(id);
          onPath[id] = true;
          updates.push({ id: id, label: step.number + ". " + node.baseLabel });
        });
      });
      nodes.get().forEach(function (node) {
        if (!onPath[node.id]) {
          updates.push({ id: node.id, opacity: DIMMED, font: { color: DIMMED_TEXT } });
        }
      });
      nodes.update(updates);
      edges.update(
        edges.get().map(function (edge) {
          return {
            id: edge.id,
            color: Object.assign({}, edge.base.color, { opacity: DIMMED }),
          };
        })
      );
      var overlay = [];
      for (var index = 1; index < steps.length; index += 1) {
        var step = steps[index];
        stepIds(steps[index - 1]).forEach(function (from) {
          stepIds(step).forEach(function (to) {
            overlay.push({
              id: "hl-" + active + "-" + from + "-" + to,
              overlay: true,
              from: from,
              to: to,
              arrows: "to",
              width: step.handoff ? 5 : 3,
              dashes: step.handoff ? [10, 6] : false,
              color: { color: HIGHLIGHT, highlight: HIGHLIGHT, opacity: 1 },
              label: step.handoff ? labels.handoff : "",
              font: { color: HIGHLIGHT, strokeWidth: 4, strokeColor: "#ffffff", size: 13, align: "middle" },
            });
          });
        });
      }
      edges.add(overlay);
      var ids = Object.keys(onPath).map(Number);
      if (ids.length) {
        network.fit({ nodes: ids, animation: false });
      }
    }

    function showStep(number) {
      if (!active) {
        return;
      }
      var steps = highlights[active];
      currentStep = Math.min(Math.max(number, 1), steps.length);
      var step = steps[currentStep - 1];
      var ids = stepIds(step);
      network.selectNodes(ids);
      if (ids.length) {
        network.fit({ nodes: ids.concat(currentStep > 1 ? stepIds(steps[currentStep - 2]) : []), animation: { duration: 300 } });
      }
      var names = step.services.map(function (service) { return service.name; }).join(" / ");
      var text = format(labels.stepOf, { number: currentStep, count: steps.length }) + ": " + names;
      if (step.handoff) {
        text += " – " + format(labels.handoffFrom, { from: step.handoff_from.join(", ") });
      }
      document.querySelectorAll('[data-eco-stepper="' + active + '"] [data-eco-step-status]').forEach(function (status) {
        status.textContent = text;
      });
      document.querySelectorAll('[data-eco-steps="' + active + '"] [data-step]').forEach(function (item) {
        if (Number(item.getAttribute("data-step")) === currentStep) {
          item.setAttribute("aria-current", "step");
        } else {
          item.removeAttribute("aria-current");
        }
      });
      if (isPage) {
        writeState({ hl: active, step: String(currentStep) });
      }
    }

    if (isPage) {
      document.querySelectorAll("[data-eco-stepper]").forEach(function (stepper) {
        var key = stepper.getAttribute("data-eco-stepper");
        if (!highlights[key]) {
          return;
        }
        stepper.hidden = false;
        stepper.querySelectorAll("[data-eco-show]").forEach(function (button) {
          button.addEventListener("click", function () {
            applyHighlight(key);
            showStep(1);
          });
        });
        stepper.querySelectorAll("[data-eco-step]").forEach(function (button) {
          button.addEventListener("click", function () {
            if (active !== key) {
              applyHighlight(key);
              showStep(1);
              return;
            }
            showStep(currentStep + (button.getAttribute("data-eco-step") === "next" ? 1 : -1));
          });
        });
      });
    }

    // --- Tools: PNG, text-view buttons --------------------------------------------------
    stage.querySelectorAll("[data-eco-png]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var drawn = container.querySelector("canvas");
        if (!drawn) {
          return;
        }
        var anchor = document.createElement("a");
        anchor.href = drawn.toDataURL("image/png");
        anchor.download = labels.pngName + ".png";
        document.body.appendChild(anchor);
        anchor.click();
        anchor.remove();
      });
    });
    if (isPage) {
      document.querySelectorAll("[data-eco-select]").forEach(function (button) {
        var ref = button.getAttribute("data-eco-select");
        if (idByRef[ref] === undefined) {
          return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
          returnFocus = button;
          stage.scrollIntoView({ block: "start" });
          selectRef(ref, true);
        });
      });
    }

    // --- The initial view ---------------------------------------------------------------
    network.fit({ animation: false });
    var state = readState();
    var wanted = isPage ? state.get("hl") : null;
    if (!highlights[wanted]) {
      wanted = (data.routes || []).length ? "route-1" : data.path ? "path" : null;
    }
    if (wanted) {
      applyHighlight(wanted);
      var step = Number(isPage ? state.get("step") : 0);
      if (step) {
        showStep(step);
      }
    }
    if (data.matches && data.matches.length) {
      var matched = data.matches
        .map(function (ref) { return idByRef[ref]; })
        .filter(function (id) { return id !== undefined; });
      network.selectNodes(matched);
      network.fit({ nodes: matched, animation: false });
    }
    var selected = isPage ? state.get("sel") : null;
    if (selected && idByRef[selected] !== undefined) {
      network.selectNodes([idByRef[selected]]);
      openPanel(selected, false);
    } else if (data.focus && idByRef[data.focus] !== undefined) {
      network.selectNodes([idByRef[data.focus]]);
    }
    window.KekoMap.maps.push({ stage: stage, network: network, nodes: nodes, edges: edges });
  }

  function start() {
    document.querySelectorAll("[data-eco-map]").forEach(function (stage) {
      if (!stage.hasAttribute("data-eco-ready")) {
        stage.setAttribute("data-eco-ready", "1");
        initMap(stage);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
