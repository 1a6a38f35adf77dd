// A search box over a long list of checkboxes (the referral partners of a service): typing
// hides the choices whose label does not contain the text; ticked choices always stay
// visible, so nothing chosen disappears from view. Without JavaScript the whole list shows.
(function () {
  "use strict";
  function normalise(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  document.querySelectorAll("input[data-filters]").forEach(function (input) {
    var list = document.getElementById(input.dataset.filters);
    var box = input.closest(".steward-choices__filter");
    if (!list || !box) return;
    var count = box.querySelector("[data-filter-count]");
    var items = Array.prototype.slice.call(list.querySelectorAll(".form-field--checkbox"));
    var labels = items.map(function (item) { return normalise(item.textContent); });
    var template = count ? count.dataset.template || "" : "";
    box.hidden = false;
    input.addEventListener("input", function () {
      var query = normalise(input.value);
      var shown = 0;
      items.forEach(function (item, index) {
        var ticked = item.querySelector("input:checked") !== null;
        var match = !query || ticked || labels[index].indexOf(query) !== -1;
        item.hidden = !match;
        if (match) shown += 1;
      });
      if (count) count.textContent = query ? template.replace("%(shown)s", shown).replace("%(total)s", items.length) : "";
    });
  });
})();
