/* The phone header's menu button: on narrow screens the main navigation collapses behind it.
 * Without JavaScript the button stays hidden and the navigation shows in full, as before
 * (no inline script: CSP script-src 'self'). */
(function () {
    "use strict";

    function setUp(nav) {
        var toggle = nav.querySelector(".main-nav__toggle");
        if (!toggle) {
            return;
        }
        nav.classList.add("main-nav--collapsible");
        toggle.hidden = false;
        toggle.setAttribute("aria-expanded", "false");
        toggle.addEventListener("click", function () {
            var open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", open ? "false" : "true");
        });
        nav.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                toggle.setAttribute("aria-expanded", "false");
                toggle.focus();
            }
        });
    }

    function init() {
        var navs = document.querySelectorAll(".main-nav");
        for (var i = 0; i < navs.length; i += 1) {
            setUp(navs[i]);
        }
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
