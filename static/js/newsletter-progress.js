/* Sending progress in the Wagtail admin: fetches the counts every two seconds until the
 * send has finished or stopped, and updates the page (no inline script: CSP script-src 'self'). */
(function () {
    "use strict";

    var POLL_MS = 2000;

    function setText(root, selector, value) {
        var node = root.querySelector(selector);
        if (node) {
            node.textContent = String(value);
        }
    }

    function setHidden(root, selector, hidden) {
        var node = root.querySelector(selector);
        if (node) {
            node.hidden = hidden;
        }
    }

    function render(root, data) {
        setText(root, '[data-field="status_label"]', data.status_label);
        setText(root, '[data-field="done"]', data.done);
        setText(root, '[data-field="total"]', data.total);
        var bar = root.querySelector('[data-field="bar"]');
        if (bar) {
            bar.max = Math.max(data.total, 1);
            // A finished send fills the bar, also when the list had nobody to send to.
            bar.value = data.finished ? bar.max : data.done;
            bar.textContent = data.done + " / " + data.total;
        }
        Object.keys(data.counts).forEach(function (status) {
            setText(root, '[data-count="' + status + '"]', data.counts[status]);
        });
        var error = root.querySelector('[data-field="last_error"]');
        if (error) {
            error.textContent = data.last_error || "";
            error.hidden = !data.last_error;
        }
        setHidden(root, '[data-field="stalled"]', !data.stalled);
        setHidden(root, '[data-field="resume"]', !data.resumable);
        setHidden(root, '[data-field="finished"]', !data.finished);
        if (data.status !== "queued" && data.status !== "sending") {
            // The "has started" message above the page is no longer true: take it away
            // (Wagtail's messages controller listens for this event).
            document.dispatchEvent(new CustomEvent("w-messages:clear"));
        }
    }

    function poll(root) {
        var url = root.getAttribute("data-url");
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                return response.json();
            })
            .then(function (data) {
                render(root, data);
                if (data.status === "queued" || (data.status === "sending" && !data.stalled)) {
                    window.setTimeout(function () { poll(root); }, POLL_MS);
                }
            })
            .catch(function () {
                window.setTimeout(function () { poll(root); }, POLL_MS * 5);
            });
    }

    document.addEventListener("DOMContentLoaded", function () {
        var root = document.querySelector("[data-newsletter-progress]");
        if (root) {
            poll(root);
        }
    });
})();
