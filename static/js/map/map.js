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
      hidden: edge.h === 1,
      // Faint until a node at either end is selected or hovered: the groups read first.
      color: { color: style.color, highlight: "#0b0c0c", hover: "#0b0c0c", opacity: edge.t === "aggregate" ? 1 : 0.4 },
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
    // The language switcher keeps the view (the server wrote the query string it was given).
    document.querySelectorAll(".language-switcher__link").forEach(function (anchor) {
      var target = new URL(anchor.href, window.location.href);
      if (target.search || query) {
        target.search = query;
        anchor.href = target.pathname + target.search;
      }
    });
  }

  /* A submitted filter form leaves out what is empty or the default, so shared links stay
   * short (the server reads a missing parameter as its default). */
  function tidyForm(form) {
    form.addEventListener("submit", function () {
      var relations = form.querySelectorAll("input[name=rel]");
      var allRelations = Array.prototype.every.call(relations, function (box) {
        return box.checked;
      });
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled) {
          return;
        }
        var fallback = field.getAttribute("data-eco-default");
        var empty = field.type !== "checkbox" && field.value === "";
        if (empty || (fallback !== null && field.value === fallback) || (field.name === "rel" && allRelations)) {
          field.disabled = true;
          field.setAttribute("data-eco-tidied", "1");
        }
      });
    });
    // Coming back to the page (history), the fields work again.
    window.addEventListener("pageshow", function () {
      form.querySelectorAll("[data-eco-tidied]").forEach(function (field) {
        field.disabled = false;
        field.removeAttribute("data-eco-tidied");
      });
    });
  }

  /* "Link to this view" copies the address and says so; without a clipboard it is a link. */
  function copyLinks() {
    document.querySelectorAll("[data-eco-share]").forEach(function (anchor) {
      if (anchor.hasAttribute("data-eco-copy-ready") || !navigator.clipboard) {
        return;
      }
      anchor.setAttribute("data-eco-copy-ready", "1");
      var status = anchor.parentNode.querySelector("[data-eco-copy-status]");
      anchor.addEventListener("click", function (event) {
        event.preventDefault();
        var address = new URL(anchor.getAttribute("href"), window.location.href).href;
        navigator.clipboard.writeText(address).then(
          function () {
            if (status) {
              status.textContent = "";
              status.textContent = status.getAttribute("data-copied");
            }
          },
          function () {
            window.location.href = address;
          }
        );
      });
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
    // The server lays a detailed view out twice: for a landscape canvas and a narrow one.
    var portrait = container.clientHeight > container.clientWidth * 1.05;
    var regions = (payload.regions && payload.regions[portrait ? "tall" : "wide"]) || [];
    var nodes = new window.vis.DataSet(
      payload.nodes.map(function (node) {
        var group = payload.options.groups[node.group] || {};
        var font = group.font || {};
        var placed = portrait && node.px !== undefined ? { x: node.px, y: node.py } : {};
        return Object.assign({}, node, placed, { baseLabel: node.label, baseFont: font.color || "#1f2933" });
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
    // Then the regions (one per organisation type): a tinted band with its heading, the
    // heading drawn only where it is at least as large as the smallest label drawn.
    var fonts = payload.fonts || { threshold: 12, organisation: 24, region: 24 };
    var regionFont = fonts.region;
    var threshold = fonts.threshold;
    var regionTitles = [];
    network.on("beforeDrawing", function (context) {
      context.save();
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, context.canvas.width, context.canvas.height);
      context.restore();
      regionTitles = [];
      var showTitles = regionFont * network.getScale() >= threshold;
      regions.forEach(function (region) {
        context.save();
        context.fillStyle = region.colour + "14";
        context.strokeStyle = region.colour + "55";
        context.lineWidth = 1;
        context.beginPath();
        if (context.roundRect) {
          context.roundRect(region.x, region.y, region.w, region.h, 10);
        } else {
          context.rect(region.x, region.y, region.w, region.h);
        }
        context.fill();
        context.stroke();
        if (showTitles && !region.k) {
          context.font = "600 " + regionFont + "px system-ui, sans-serif";
          context.fillStyle = region.colour;
          context.textBaseline = "top";
          var text = region.label;
          var room = region.w - 20;
          while (text.length > 3 && context.measureText(text).width > room) {
            text = text.slice(0, -2) + "…";
          }
          context.fillText(text, region.x + 10, region.y + 9);
          regionTitles.push({ text: text, x: region.x + 10, y: region.y + 9, w: context.measureText(text).width, h: regionFont });
        }
        context.restore();
      });
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

    /* Desktop map page: the panel stands in the filters' column, level with the canvas. */
    function placePanel() {
      var layout = stage.closest(".eco-layout");
      if (!layout || window.getComputedStyle(panel).position !== "absolute" || window.matchMedia("(max-width: 63.99rem)").matches) {
        panel.style.top = "";
        panel.style.height = "";
        return;
      }
      var layoutBox = layout.getBoundingClientRect();
      var canvasBox = container.getBoundingClientRect();
      panel.style.top = Math.round(canvasBox.top - layoutBox.top) + "px";
      panel.style.height = Math.round(canvasBox.height) + "px";
    }

    /* Move the map so that a node is not under the panel (nor off the screen). */
    function keepVisible(id, scrolled) {
      if (id === undefined || !panel || panel.hidden) {
        return;
      }
      var canvasBox = container.getBoundingClientRect();
      var panelBox = panel.getBoundingClientRect();
      var free = {
        left: Math.max(canvasBox.left, 0),
        top: Math.max(canvasBox.top, 0),
        right: Math.min(canvasBox.right, window.innerWidth),
        bottom: Math.min(canvasBox.bottom, window.innerHeight),
      };
      var covers = panelBox.left < free.right && panelBox.right > free.left && panelBox.top < free.bottom && panelBox.bottom > free.top;
      if (covers) {
        if (panelBox.top > free.top + 48) {
          free.bottom = panelBox.top;
        } else if (panelBox.left > free.left + 48) {
          free.right = panelBox.left;
        } else if (panelBox.right < free.right - 48) {
          free.left = panelBox.right;
        }
      }
      if ((free.bottom - free.top < 80 || free.right - free.left < 80) && !scrolled) {
        container.scrollIntoView({ block: "start" });  // the canvas is scrolled away
        keepVisible(id, true);
        return;
      }
      var position = network.getPositions([id])[id];
      var dom = network.canvasToDOM(position);
      var x = canvasBox.left + dom.x;
      var y = canvasBox.top + dom.y;
      var margin = 32;
      if (x < free.left + margin || x > free.right - margin || y < free.top + margin || y > free.bottom - margin) {
        network.moveTo({
          position: position,
          offset: {
            x: (free.left + free.right) / 2 - (canvasBox.left + canvasBox.width / 2),
            y: (free.top + free.bottom) / 2 - (canvasBox.top + canvasBox.height / 2),
          },
          animation: false,
        });
      }
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
      placePanel();
      keepVisible(node.id);
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
          window.KekoMapPanel.language(panelHeading, details.name_lang, labels);
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
      // Close enough that the node's label (and its neighbours') is drawn.
      network.moveTo({ position: network.getPositions([id])[id], scale: Math.max(network.getScale(), 1), animation: false });
      openPanel(ref, moveFocus);
      keepVisible(id);
    }

    if (panelClose) {
      panelClose.addEventListener("click", closePanel);
    }
    if (panel) {
      // Escape closes the details wherever the focus is (a tap leaves it on the canvas).
      document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !panel.hidden) {
          closePanel();
        }
      });
    }

    window.addEventListener("resize", function () {
      if (panel && !panel.hidden) {
        placePanel();
      }
    });

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
    var userStepped = false;

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
      // The swimlane marks the step, and keeps it (and the controls) in view.
      var current = null;
      document.querySelectorAll('[data-eco-swim="' + active + '"] .eco-swim__cell').forEach(function (cell) {
        if (Number(cell.getAttribute("data-step")) === currentStep) {
          cell.setAttribute("aria-current", "step");
          current = current || cell;
        } else {
          cell.removeAttribute("aria-current");
        }
      });
      if (current && userStepped) {
        current.scrollIntoView({ block: "nearest", inline: "nearest" });
      }
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
            userStepped = true;
            showStep(currentStep + (button.getAttribute("data-eco-step") === "next" ? 1 : -1));
          });
        });
        stepper.querySelectorAll("[data-eco-print]").forEach(function (button) {
          button.addEventListener("click", function () {
            window.print();
          });
        });
        stepper.querySelectorAll("[data-eco-swim-png]").forEach(function (button) {
          button.addEventListener("click", function () {
            var picture = swimlanePicture(key);
            if (picture) {
              download(picture, labels.swimName);
            }
          });
        });
      });
      // A step's service opens its details beside the map.
      document.querySelectorAll("[data-eco-step-service]").forEach(function (anchor) {
        var ref = anchor.getAttribute("data-eco-step-service");
        if (idByRef[ref] === undefined) {
          return;
        }
        anchor.addEventListener("click", function (event) {
          event.preventDefault();
          returnFocus = anchor;
          selectRef(ref, true);
        });
      });
    }

    // --- Tools: PNG, text-view buttons --------------------------------------------------
    /* The view at twice the screen's resolution, with the page's title, the active filters,
     * the date and the legend drawn in: a picture that says what it shows. */
    function exportPicture() {
      var drawn = container.querySelector("canvas");
      var scale = 2;
      var pixelRatio = network.canvas && network.canvas._determinePixelRatio;
      if (network.canvas && pixelRatio) {
        network.canvas._determinePixelRatio = function () {
          return scale;
        };
        network.setSize(container.clientWidth + "px", container.clientHeight + "px");
        network.redraw();
      }
      var map = document.createElement("canvas");
      map.width = drawn.width;
      map.height = drawn.height;
      map.getContext("2d").drawImage(drawn, 0, 0);
      if (network.canvas && pixelRatio) {
        network.canvas._determinePixelRatio = pixelRatio;
        network.setSize("100%", "100%");
        network.redraw();
      }
      var width = map.width;
      var title = (document.querySelector("h1") || {}).textContent || labels.pngName;
      var filters = [];
      document.querySelectorAll("#eco-controls select, #eco-controls input[type=search]").forEach(function (field) {
        if (!field.value || field.name === "goal" || field.name === "k") {
          return;
        }
        var label = document.querySelector('label[for="' + field.id + '"]');
        var text = field.tagName === "SELECT" ? field.options[field.selectedIndex].text : field.value;
        filters.push((label ? label.textContent.trim() + ": " : "") + text.trim());
      });
      var legend = [];
      document.querySelectorAll(".eco-legend__item").forEach(function (item) {
        var shape = item.querySelector("rect, line");
        legend.push({
          text: item.textContent.trim(),
          colour: shape ? shape.getAttribute("fill") || shape.getAttribute("stroke") : "#000",
          line: shape && shape.tagName.toLowerCase() === "line",
        });
      });
      var pad = 16 * scale;
      var columns = Math.max(1, Math.floor(width / (230 * scale)));
      var legendRows = Math.ceil(legend.length / columns);
      var header = pad + 28 * scale + 8 * scale + 18 * scale * 2 + pad / 2;
      var footer = legendRows * 24 * scale + pad * 2;
      var out = document.createElement("canvas");
      out.width = width;
      out.height = header + map.height + footer;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.fillStyle = "#1f2933";
      ctx.textBaseline = "top";
      ctx.font = "700 " + 26 * scale + "px system-ui, sans-serif";
      ctx.fillText(title.trim(), pad, pad, width - 2 * pad);
      ctx.font = 15 * scale + "px system-ui, sans-serif";
      var y = pad + 36 * scale;
      ctx.fillText((filters.length ? filters.join(" · ") : labels.noFilters), pad, y, width - 2 * pad);
      ctx.fillText(labels.drawnOn + " " + new Date().toLocaleDateString(document.documentElement.lang || "fi"), pad, y + 20 * scale, width - 2 * pad);
      ctx.drawImage(map, 0, header);
      ctx.strokeStyle = "#c9d2dc";
      ctx.strokeRect(0.5, header + 0.5, map.width - 1, map.height - 1);
      ctx.font = 13 * scale + "px system-ui, sans-serif";
      legend.forEach(function (entry, index) {
        var x = pad + (index % columns) * ((width - 2 * pad) / columns);
        var top = header + map.height + pad + Math.floor(index / columns) * 24 * scale;
        ctx.fillStyle = entry.colour;
        ctx.strokeStyle = entry.colour;
        if (entry.line) {
          ctx.lineWidth = 3 * scale;
          ctx.beginPath();
          ctx.moveTo(x, top + 8 * scale);
          ctx.lineTo(x + 24 * scale, top + 8 * scale);
          ctx.stroke();
        } else {
          ctx.fillRect(x, top, 16 * scale, 16 * scale);
        }
        ctx.fillStyle = "#1f2933";
        ctx.fillText(entry.text, x + 30 * scale, top, (width - 2 * pad) / columns - 34 * scale);
      });
      return out;
    }

    function download(canvas, name) {
      var anchor = document.createElement("a");
      anchor.href = canvas.toDataURL("image/png");
      anchor.download = name + ".png";
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
    }

    /* Lines of text no wider than width (words kept whole; a longer word is cut). */
    function wrap(ctx, text, width) {
      var lines = [];
      var line = "";
      text.split(/\s+/).forEach(function (word) {
        var next = line ? line + " " + word : word;
        if (line && ctx.measureText(next).width > width) {
          lines.push(line);
          line = word;
        } else {
          line = next;
        }
      });
      if (line) {
        lines.push(line);
      }
      return lines;
    }

    /* A swimlane (the path's or a route's) at twice the CSS resolution, lanes as rows and
     * steps left to right whatever the screen, with the page's title, the path's name, the
     * date and a legend (lanes' colours, hand-off, current step) drawn in. */
    function swimlanePicture(key) {
      var figure = document.querySelector('[data-eco-swim="' + key + '"]');
      if (!figure) {
        return null;
      }
      var scale = 2;
      var FONT = "px system-ui, sans-serif";
      var INK = "#1f2933";
      var lanes = [];
      figure.querySelectorAll(".eco-swim__lane").forEach(function (item) {
        var swatch = item.querySelector("rect");
        lanes.push({
          number: Number(item.getAttribute("data-lane")),
          name: item.textContent.trim(),
          colour: swatch ? swatch.getAttribute("fill") : "#888888",
        });
      });
      var cells = [];
      figure.querySelectorAll(".eco-swim__cell").forEach(function (item) {
        cells.push({
          lane: Number(item.getAttribute("data-lane")),
          step: Number(item.getAttribute("data-step")),
          names: Array.prototype.map.call(item.querySelectorAll(".eco-swim__service"), function (a) {
            return a.textContent.trim();
          }),
          handoff: item.classList.contains("eco-swim__cell--handoff"),
          current: item.getAttribute("aria-current") === "step",
        });
      });
      var passes = Array.prototype.map.call(figure.querySelectorAll(".eco-swim__pass"), function (item) {
        return { lane: Number(item.getAttribute("data-lane")), step: Number(item.getAttribute("data-step")) };
      });
      var steps = Number(figure.getAttribute("data-steps")) || 1;
      var owner = figure.closest("section, article");
      var heading = owner && owner.querySelector("h2, h3");
      var title = ((document.querySelector("h1") || {}).textContent || "").trim();
      var name = heading ? heading.textContent.trim() : "";
      var pad = 16;
      var labelWidth = 170;
      var column = 180;
      var line = 16;
      var measure = document.createElement("canvas").getContext("2d");
      measure.font = "13" + FONT;
      var laneHeight = {};
      var wrapped = cells.map(function (cell) {
        var lines = [];
        cell.names.forEach(function (text, index) {
          if (index) {
            lines.push("– " + labels.or + " –");
          }
          lines = lines.concat(wrap(measure, text, column - 24));
        });
        laneHeight[cell.lane] = Math.max(laneHeight[cell.lane] || 0, 30 + lines.length * line);
        return lines;
      });
      measure.font = "700 13" + FONT;
      var laneLines = lanes.map(function (lane) {
        var lines = wrap(measure, lane.name, labelWidth - 28);
        laneHeight[lane.number] = Math.max(laneHeight[lane.number] || 0, 16 + lines.length * line, 56);
        return lines;
      });
      var width = pad * 2 + labelWidth + steps * column;
      var top = {};
      var y = pad + 26 + 22 + 20 + pad;
      lanes.forEach(function (lane) {
        top[lane.number] = y;
        y += laneHeight[lane.number] + 8;
      });
      var legendTop = y + pad;
      var legend = lanes.map(function (lane) { return { text: lane.name, colour: lane.colour }; });
      legend.push({ text: labels.handoff, dashed: true }, { text: labels.currentStep, current: true });
      var columns = Math.max(1, Math.floor((width - 2 * pad) / 230));
      var height = legendTop + Math.ceil(legend.length / columns) * 24 + pad;
      var out = document.createElement("canvas");
      out.width = width * scale;
      out.height = height * scale;
      var ctx = out.getContext("2d");
      ctx.scale(scale, scale);
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, width, height);
      ctx.textBaseline = "top";
      ctx.fillStyle = INK;
      ctx.font = "700 22" + FONT;
      ctx.fillText(title, pad, pad, width - 2 * pad);
      ctx.font = "700 16" + FONT;
      ctx.fillText(name, pad, pad + 28, width - 2 * pad);
      ctx.font = "14" + FONT;
      ctx.fillText(labels.drawnOn + " " + new Date().toLocaleDateString(document.documentElement.lang || "fi"), pad, pad + 50, width - 2 * pad);
      var left = pad + labelWidth;
      lanes.forEach(function (lane, index) {
        var at = top[lane.number];
        ctx.fillStyle = index % 2 ? "#ffffff" : "#f3f6f9";
        ctx.fillRect(pad, at, width - 2 * pad, laneHeight[lane.number]);
        ctx.fillStyle = lane.colour;
        ctx.fillRect(pad + 4, at + 10, 14, 14);
        ctx.fillStyle = INK;
        ctx.font = "700 13" + FONT;
        laneLines[index].forEach(function (text, row) {
          ctx.fillText(text, pad + 24, at + 10 + row * line);
        });
      });
      ctx.setLineDash([6, 4]);
      ctx.strokeStyle = "#b42318";
      ctx.lineWidth = 2;
      passes.forEach(function (item) {
        if (top[item.lane] === undefined) {
          return;
        }
        var x = left + (item.step - 1) * column + 4;
        ctx.beginPath();
        ctx.moveTo(x, top[item.lane]);
        ctx.lineTo(x, top[item.lane] + laneHeight[item.lane] + 8);
        ctx.stroke();
      });
      cells.forEach(function (cell, index) {
        var at = top[cell.lane];
        if (at === undefined) {
          return;
        }
        var x = left + (cell.step - 1) * column + 10;
        var h = laneHeight[cell.lane] - 8;
        if (cell.handoff) {
          ctx.setLineDash([6, 4]);
          ctx.strokeStyle = "#b42318";
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(x - 6, at);
          ctx.lineTo(x - 6, at + laneHeight[cell.lane]);
          ctx.stroke();
        }
        ctx.setLineDash([]);
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(x, at + 4, column - 16, h);
        ctx.strokeStyle = cell.current ? "#b42318" : "#52606d";
        ctx.lineWidth = cell.current ? 3 : 1;
        ctx.strokeRect(x, at + 4, column - 16, h);
        ctx.fillStyle = INK;
        ctx.font = "700 12" + FONT;
        ctx.fillText(labels.step + " " + cell.step, x + 6, at + 8);
        ctx.font = "13" + FONT;
        wrapped[index].forEach(function (text, row) {
          ctx.fillText(text, x + 6, at + 24 + row * line, column - 28);
        });
      });
      ctx.setLineDash([]);
      ctx.font = "13" + FONT;
      legend.forEach(function (entry, index) {
        var x = pad + (index % columns) * ((width - 2 * pad) / columns);
        var at = legendTop + Math.floor(index / columns) * 24;
        if (entry.dashed) {
          ctx.setLineDash([6, 4]);
          ctx.strokeStyle = "#b42318";
          ctx.lineWidth = 2;
          ctx.beginPath();
          ctx.moveTo(x + 8, at);
          ctx.lineTo(x + 8, at + 16);
          ctx.stroke();
          ctx.setLineDash([]);
        } else if (entry.current) {
          ctx.strokeStyle = "#b42318";
          ctx.lineWidth = 3;
          ctx.strokeRect(x + 1, at + 1, 14, 14);
        } else {
          ctx.fillStyle = entry.colour;
          ctx.fillRect(x, at, 16, 16);
        }
        ctx.fillStyle = INK;
        ctx.fillText(entry.text, x + 24, at + 1, (width - 2 * pad) / columns - 28);
      });
      return out;
    }

    stage.querySelectorAll("[data-eco-png]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!container.querySelector("canvas")) {
          return;
        }
        download(exportPicture(), labels.pngName);
      });
    });
    if (isPage) {
      stage.querySelectorAll("[data-eco-match]").forEach(function (anchor) {
        var ref = anchor.getAttribute("data-eco-match");
        if (idByRef[ref] === undefined) {
          return;
        }
        anchor.addEventListener("click", function (event) {
          event.preventDefault();
          returnFocus = anchor;
          selectRef(ref, true);
        });
      });
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

    // --- Zoom, and the initial view ----------------------------------------------------
    var orgFont = fonts.organisation;
    var readable = (threshold + 0.5) / orgFont; // the least scale at which organisations read

    /* The whole map (nodes and regions) when its organisation labels can be read so, up to
     * a scale that shows the service names too (a focused organisation); otherwise (a
     * phone) as wide as the canvas and from the top, at the least readable scale. */
    var MAX_HOME_SCALE = 1.25;
    function home(animate) {
      var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
      nodes.getIds().forEach(function (id) {
        var b = network.getBoundingBox(id);
        box.left = Math.min(box.left, b.left);
        box.right = Math.max(box.right, b.right);
        box.top = Math.min(box.top, b.top);
        box.bottom = Math.max(box.bottom, b.bottom);
      });
      regions.forEach(function (region) {
        box.left = Math.min(box.left, region.x);
        box.right = Math.max(box.right, region.x + region.w);
        box.top = Math.min(box.top, region.y);
        box.bottom = Math.max(box.bottom, region.y + region.h);
      });
      if (!isFinite(box.left)) {
        return;
      }
      var width = container.clientWidth;
      var height = container.clientHeight;
      var pad = 16;
      var whole = Math.min((width - pad) / (box.right - box.left), (height - pad) / (box.bottom - box.top));
      var scale = Math.min(whole, MAX_HOME_SCALE);
      var centre = { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 };
      if (data.level === "detail" && scale * orgFont < threshold + 0.5) {
        scale = Math.max(readable, Math.min(MAX_HOME_SCALE, (width - pad) / (box.right - box.left)));
        centre = { x: (box.left + box.right) / 2, y: box.top - pad / 2 / scale + height / 2 / scale };
      }
      network.moveTo({ position: centre, scale: scale, animation: animate ? { duration: 300 } : false });
    }

    stage.querySelectorAll("[data-eco-zoom]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var how = button.getAttribute("data-eco-zoom");
        // At once, not animated: a second press builds on the first, and nothing moves by itself.
        if (how === "fit") {
          home(false);
          return;
        }
        var scale = network.getScale() * (how === "in" ? 1.4 : 1 / 1.4);
        network.moveTo({ scale: Math.min(Math.max(scale, 0.05), 4), animation: false });
      });
    });
    var zoomGroup = stage.querySelector("[data-eco-zoom-group]");
    if (zoomGroup) {
      zoomGroup.hidden = false;
    }

    home(false);
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
    window.KekoMap.maps.push({
      stage: stage,
      network: network,
      nodes: nodes,
      edges: edges,
      portrait: portrait,
      exportPicture: exportPicture,
      // The region headings drawn last, in canvas units (for tests).
      regionTitles: function () {
        return regionTitles.slice();
      },
    });
  }

  function start() {
    document.querySelectorAll("form.eco-controls").forEach(tidyForm);
    copyLinks();
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
