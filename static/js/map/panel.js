/* KEKO service map: the side panel with a node's details.
 *
 * Everything is built with DOM APIs and textContent: text from the register never becomes
 * markup, and only http(s) addresses become links.
 */
(function () {
  "use strict";
  if (window.KekoMapPanel) {
    return;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function safeHref(url) {
    if (!url) {
      return "";
    }
    try {
      var parsed = new URL(url, window.location.href);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : "";
    } catch (error) {
      return "";
    }
  }

  function link(href, text) {
    var anchor = el("a", "eco-panel__link", text);
    anchor.href = href;
    return anchor;
  }

  function section(title) {
    var wrapper = el("section", "eco-panel__section");
    wrapper.appendChild(el("h4", "eco-panel__subheading", title));
    return wrapper;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, name) {
      return values[name] === undefined ? "" : String(values[name]);
    });
  }

  /* Fill `body` with the details; `actions.select(ref)` selects another node. */
  function render(body, details, labels, actions) {
    body.replaceChildren();
    var meta = el("p", "eco-panel__meta", details.kind_label);
    if (details.partner_only) {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "eco-badge", labels.partnerOnly));
    }
    body.appendChild(meta);
    if (details.description) {
      var description = el("p", "eco-panel__description", details.description);
      body.appendChild(description);
      language(description, details.description_lang, labels);
    }
    if (details.facts && details.facts.length) {
      var facts = el("dl", "eco-panel__facts");
      details.facts.forEach(function (fact) {
        facts.appendChild(el("dt", null, fact.label));
        facts.appendChild(el("dd", null, fact.value));
      });
      body.appendChild(facts);
    }
    var contacts = details.contacts || {};
    var contactList = el("ul", "eco-panel__list");
    if (safeHref(contacts.url)) {
      var item = el("li");
      item.appendChild(link(safeHref(contacts.url), labels.website));
      contactList.appendChild(item);
    }
    if (contacts.email) {
      var mail = el("li");
      mail.appendChild(link("mailto:" + encodeURIComponent(contacts.email).replace("%40", "@"), contacts.email));
      contactList.appendChild(mail);
    }
    if (contacts.phone) {
      contactList.appendChild(el("li", null, labels.phone + ": " + contacts.phone));
    }
    if (contactList.childNodes.length) {
      body.appendChild(contactList);
    }
    function refList(title, items, describe) {
      if (!items || !items.length) {
        return;
      }
      var wrapper = section(title);
      var list = el("ul", "eco-panel__list");
      items.forEach(function (entry) {
        var li = el("li");
        var button = el("button", "eco-link-button", entry.name);
        button.type = "button";
        button.addEventListener("click", function () {
          actions.select(entry.ref);
        });
        if (describe) {
          var prefix = describe(entry);
          if (prefix) {
            li.appendChild(document.createTextNode(prefix + " "));
          }
        }
        li.appendChild(button);
        if (entry.role) {
          li.appendChild(document.createTextNode(" (" + entry.role + ")"));
        }
        if (entry.evidence) {
          li.appendChild(el("span", "eco-panel__evidence", labels.evidence + ": " + entry.evidence));
        }
        list.appendChild(li);
      });
      wrapper.appendChild(list);
      body.appendChild(wrapper);
    }
    refList(labels.organisations, details.organisations);
    refList(labels.services, details.services);
    if (details.channels && details.channels.length) {
      var channels = section(labels.channels);
      var channelList = el("ul", "eco-panel__list");
      details.channels.forEach(function (channel) {
        var li = el("li");
        li.appendChild(el("strong", null, channel.name || channel.type_label));
        if (channel.name) {
          li.appendChild(document.createTextNode(" (" + channel.type_label + ")"));
        }
        [channel.address, channel.phone && labels.phone + ": " + channel.phone, channel.opening_hours && labels.openingHours + ": " + channel.opening_hours, channel.description]
          .filter(Boolean)
          .forEach(function (line) {
            li.appendChild(el("span", "eco-panel__line", line));
          });
        if (channel.email) {
          var mailLine = el("span", "eco-panel__line");
          mailLine.appendChild(link("mailto:" + encodeURIComponent(channel.email).replace("%40", "@"), channel.email));
          li.appendChild(mailLine);
        }
        var href = safeHref(channel.url);
        if (href) {
          var urlLine = el("span", "eco-panel__line");
          urlLine.appendChild(link(href, channel.url));
          li.appendChild(urlLine);
        }
        channelList.appendChild(li);
      });
      channels.appendChild(channelList);
      body.appendChild(channels);
    }
    refList(labels.relations, (details.relations || []).map(function (relation) {
      return {
        ref: relation.other.ref,
        name: relation.other.name,
        evidence: relation.evidence,
        relation: relation,
      };
    }), function (entry) {
      var word = entry.relation.direction === "out" ? labels.outgoing : entry.relation.direction === "in" ? labels.incoming : labels.mutual;
      return entry.relation.type_label + " " + word + ":";
    });
    var links = el("ul", "eco-panel__actions");
    var pageHref = safeHref(details.page_url);
    if (pageHref) {
      var pageItem = el("li");
      pageItem.appendChild(link(pageHref, labels.openPage));
      links.appendChild(pageItem);
    }
    var proposeHref = safeHref(details.propose_url);
    if (proposeHref) {
      var proposeItem = el("li");
      proposeItem.appendChild(link(proposeHref, labels.propose));
      links.appendChild(proposeItem);
    }
    var focusItem = el("li");
    focusItem.appendChild(link(actions.focusUrl(details.ref), labels.focus));
    links.appendChild(focusItem);
    if (details.kind === "service") {
      var routeItem = el("li");
      routeItem.appendChild(link(actions.routesUrl(details.ref), labels.routesFrom));
      links.appendChild(routeItem);
    }
    var raw = details.ref.split(":");
    var anchor = document.getElementById(raw[0].charAt(0) + raw[1].replace(/-/g, "").slice(0, 12));
    if (anchor) {
      var textItem = el("li");
      textItem.appendChild(link("#" + anchor.id, labels.inTextView));
      links.appendChild(textItem);
    }
    body.appendChild(links);
  }

  /* Text shown in another language than the page's (a Finnish fallback) says so: lang for
   * screen readers, and a small visible mark. */
  function language(node, lang, labels) {
    var page = document.documentElement.lang || "fi";
    var old = node.parentNode && node.parentNode.querySelector("[data-eco-lang-mark]");
    if (old && old.parentNode === node.parentNode && node.nextSibling === old) {
      old.remove();
    }
    if (!lang || lang === page) {
      node.removeAttribute("lang");
      return;
    }
    node.setAttribute("lang", lang);
    if (labels && labels.inFinnish && lang === "fi") {
      var mark = el("span", "eco-lang-mark", labels.inFinnish);
      mark.setAttribute("data-eco-lang-mark", "1");
      node.insertAdjacentElement("afterend", mark);
    }
  }

  window.KekoMapPanel = { render: render, el: el, format: format, safeHref: safeHref, language: language };
})();
