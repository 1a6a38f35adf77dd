"""Speed of the service map page, and of pyvis's own page for the same graph, in one run.

Starts the portal the way the browser tests do (tests/browser/server.py: a fresh SQLite
database, `setup_portal` with the demo content, gunicorn, DEBUG off, WhiteNoise) with the
anonymous page cache OFF, so every request renders the page. Then measures:

- page size: the demo map page's HTML as an anonymous visitor gets it, before compression,
  static files excluded (target < 150 KB);
- server time: the first request (cold: the graph built, positions computed), then the
  median and 95th percentile of repeated requests with the map data cached (target < 150 ms),
  and requests whose filters are new (the map computed from a fresh graph, positions cached);
- first complete draw in headless Chromium: from navigation start to the first
  "afterDrawing" of vis-network (the page's `eco-map-drawn` performance mark; target < 1.5 s),
  for a first visit (nothing in the browser cache) and repeat visits;
- pyvis for comparison, for the same (public) graph: `Network.generate_html()` with
  `cdn_resources="in_line"` (no network here), (a) styled and positioned like the map with
  physics off, (b) pyvis's defaults via `from_nx` (physics and stabilisation on). Its size and
  its time to the first "afterDrawing" in the same Chromium.

Prints a table, writes benchmarks/results/map_page-<time>.json. Only 127.0.0.1 is a target;
pyvis's pages are opened from files with every outside request refused.

    .venv/bin/python benchmarks/map_page.py [--requests 40] [--draws 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"
CHROMIUM = "/usr/bin/chromium"
MAP_PATH = "/palvelukartta/"
TARGETS = {"page_kb": 150, "server_ms": 150, "draw_ms": 1500}

# Marks the first "afterDrawing" of whatever vis.Network a page creates (pyvis's pages).
HOOK_NETWORK = """
(() => {
  let created = null;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return created; },
    set(value) {
      created = value;
      if (value && value.once) {
        value.once('afterDrawing', () => performance.mark('eco-map-drawn'));
      }
    },
  });
})();
"""


def timed_get(url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return (time.perf_counter() - started) * 1000, len(body)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def measure_server(base_url: str, requests: int) -> dict:
    cold_ms, size = timed_get(base_url + MAP_PATH)
    warm = [timed_get(base_url + MAP_PATH)[0] for _ in range(requests)]
    groups = ["young_people", "immigrants", "long_term_unemployed", "partial_work_ability"]
    places = ["106", "186", "505", "543", "611", "858"]
    fresh = [
        timed_get(f"{base_url}{MAP_PATH}?tg={group}&mun={place}")[0]
        for group in groups
        for place in places
    ]
    return {
        "page_bytes": size,
        "cold_first_request_ms": round(cold_ms, 1),
        "warm_median_ms": round(statistics.median(warm), 1),
        "warm_p95_ms": round(percentile(warm, 0.95), 1),
        "new_filters_median_ms": round(statistics.median(fresh), 1),
        "new_filters_p95_ms": round(percentile(fresh, 0.95), 1),
    }


def draw_times(browser, url: str, draws: int, *, hook: bool = False) -> dict:
    """Milliseconds from navigation start to the first afterDrawing: first visit, repeats."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if hook:
        context.add_init_script(HOOK_NETWORK)
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "file://"))
            else route.abort()
        ),
    )
    times = []
    for _ in range(draws + 1):
        page = context.new_page()
        page.goto(url)
        page.wait_for_function(
            "performance.getEntriesByName('eco-map-drawn').length > 0", timeout=60_000
        )
        times.append(page.evaluate("performance.getEntriesByName('eco-map-drawn')[0].startTime"))
        page.close()
    context.close()
    return {
        "first_visit_ms": round(times[0], 1),
        "repeat_median_ms": round(statistics.median(times[1:]), 1),
    }


def pyvis_library_bytes() -> int:
    """What pyvis inlines into an in_line page: vis-network 9.1.2's script and stylesheet."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return sum((lib / name).stat().st_size for name in ("vis-network.min.js", "vis-network.css"))


def pyvis_pages(database_env: dict[str, str], out_dir: Path) -> dict[str, Path]:
    """pyvis's own pages for the demo's public graph, written by pyvis itself."""
    os.environ.update(database_env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    import networkx as nx
    from django.utils import translation
    from pyvis.network import Network

    from ecosystem.map.layout import layout
    from ecosystem.map.visual import detail_network, vis_options
    from ecosystem.network.graph import build_graph
    from ecosystem.network.labels import node_label

    translation.activate("fi")
    graph = build_graph(public_only=True)
    styled = detail_network(graph, layout(graph), "fi")
    styled.cdn_resources = "in_line"
    styled.options = vis_options(styled)
    plain = nx.DiGraph()
    for node, data in graph.nodes(data=True):
        plain.add_node(node, label=node_label(data, "fi"))
    plain.add_edges_from((source, target) for source, target in graph.edges())
    default = Network(directed=True, cdn_resources="in_line")
    default.from_nx(plain)
    pages = {}
    for name, network in (("pyvis_styled", styled), ("pyvis_defaults", default)):
        path = out_dir / f"{name}.html"
        network.write_html(str(path))
        pages[name] = path
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--draws", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO_DIR))
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    from playwright.sync_api import sync_playwright

    from tests.browser.server import PortalServer

    results: dict = {"when": datetime.now(UTC).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix="keko-map-bench-") as tmp:
        server = PortalServer(Path(tmp), workers=2)
        try:
            server.start()
            results["server"] = measure_server(server.base_url, args.requests)
            # Before Playwright: its event loop makes Django refuse database calls.
            pages = pyvis_pages({"DATABASE_URL": server.database_url}, Path(tmp))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
                )
                results["draw"] = draw_times(browser, server.base_url + MAP_PATH, args.draws)
                results["pyvis"] = {}
                for name, path in pages.items():
                    html = path.read_text()
                    library = pyvis_library_bytes()
                    results["pyvis"][name] = {
                        "page_bytes": len(html.encode()),
                        "inlined_library_bytes": library,
                        "draw": draw_times(browser, path.as_uri(), args.draws, hook=True),
                    }
                browser.close()
        finally:
            server.stop()
    server_figures, draw = results["server"], results["draw"]
    rows = [
        ("map page HTML (KB)", server_figures["page_bytes"] / 1024, TARGETS["page_kb"]),
        ("server, warm median (ms)", server_figures["warm_median_ms"], TARGETS["server_ms"]),
        ("server, warm p95 (ms)", server_figures["warm_p95_ms"], TARGETS["server_ms"]),
        ("server, new filters median (ms)", server_figures["new_filters_median_ms"], None),
        ("server, cold first request (ms)", server_figures["cold_first_request_ms"], None),
        ("first draw, first visit (ms)", draw["first_visit_ms"], TARGETS["draw_ms"]),
        ("first draw, repeat median (ms)", draw["repeat_median_ms"], TARGETS["draw_ms"]),
    ]
    for name, figures in results["pyvis"].items():
        rows.append((f"{name} page (KB)", figures["page_bytes"] / 1024, None))
        rows.append(
            (f"{name} first draw, first visit (ms)", figures["draw"]["first_visit_ms"], None)
        )
        rows.append(
            (f"{name} first draw, repeat median (ms)", figures["draw"]["repeat_median_ms"], None)
        )
    print(f"{'measure':44} {'value':>10} {'target':>8}")
    for name, value, target in rows:
        verdict = "" if target is None else ("ok" if value < target else "OVER")
        target_text = "" if target is None else f"< {target}"
        print(f"{name:44} {value:10.1f} {target_text:>8} {verdict}")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS_DIR / f"map_page-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
