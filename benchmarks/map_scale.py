"""The service map at national scale: the synthetic network of 20 000 services.

Fills a fresh SQLite database (in a temporary directory) with
`generate_synthetic_ecosystem --services N --relations M --seed S`, then measures the map
data of a few views as an anonymous visitor gets them (ecosystem.map.data.map_context):
the national view (aggregated by employment area), a filtered national view, one employment
area (aggregated by organisation or drawn in detail) and one organisation, each cold (graph
built, positions computed) and warm (cached). Prints level, node and edge counts, payload
size and times. Then a data change: how long the background warm-up
(ecosystem.map.tasks.warm_up) takes, how quickly a request is answered while it runs (from
the previous version) and once it has finished. Writes benchmarks/results/map_scale-<time>.json.

    .venv/bin/python benchmarks/map_scale.py [--services 20000] [--relations 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_DIR / "benchmarks" / "results"


def measure_warm_up(organisation_view) -> dict:
    """A data change as the portal sees it: a new data version and a warm-up scheduled.
    Times a request while the warm-up runs, the warm-up itself (as the worker runs it) and a
    request after it."""
    from django.core.cache import cache

    from ecosystem.map.data import WARMING_KEY, map_context
    from ecosystem.map.state import MapView
    from ecosystem.map.tasks import warm_up
    from ecosystem.register.versioning import DATA_VERSION_KEY

    def timed(view: MapView) -> tuple[float, dict]:
        started = time.perf_counter()
        data = map_context(view, public_only=True, language="fi")
        return (time.perf_counter() - started) * 1000, data

    cache.clear()
    timed(MapView())  # the previous version's maps, as visitors left them
    timed(organisation_view)
    cache.set(DATA_VERSION_KEY, "after-a-change", timeout=None)
    cache.set(WARMING_KEY, True)
    during_national, national = timed(MapView())
    during_organisation, organisation = timed(organisation_view)
    assert national.get("stale") and organisation.get("stale"), "previous version not used"
    started = time.perf_counter()
    warm_up.call()
    warm_up_s = time.perf_counter() - started
    after_national, after = timed(MapView())
    assert not after.get("stale")
    return {
        "warm_up_s": round(warm_up_s, 1),
        "during_national_ms": round(during_national, 1),
        "during_organisation_ms": round(during_organisation, 1),
        "after_national_ms": round(after_national, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--services", type=int, default=20000)
    parser.add_argument("--relations", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="keko-map-scale-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        DATABASE_URL=f"sqlite:///{tmp}/scale.sqlite3",
        CACHE_URL="locmemcache://",
    )
    sys.path.insert(0, str(REPO_DIR))
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    from ecosystem.map.data import map_context
    from ecosystem.map.state import MapView
    from ecosystem.network.graph import build_graph

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "generate_synthetic_ecosystem",
        services=args.services,
        relations=args.relations,
        seed=args.seed,
    )
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    build_graph(public_only=True)
    graph_ms = (time.perf_counter() - started) * 1000

    def measure(name: str, view: MapView) -> dict:
        cache.clear()
        started = time.perf_counter()
        data = map_context(view, public_only=True, language="fi")
        cold = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        map_context(view, public_only=True, language="fi")
        warm = (time.perf_counter() - started) * 1000
        payload = json.dumps(data["payload"], separators=(",", ":"))
        return {
            "view": name,
            "level": data["level"],
            "nodes": len(data["payload"]["nodes"]),
            "edges": len(data["payload"]["edges"]),
            "services_in_view": data["counts"]["services"],
            "payload_bytes": len(payload),
            "cold_ms": round(cold),
            "warm_ms": round(warm, 1),
            "data": data,
        }

    rows = [measure("national", MapView())]
    rows.append(measure("national, immigrants", MapView(target_group="immigrants")))
    area = rows[0]["data"]["table"]["aggregates"][0]["drill"][1]
    rows.append(measure("one employment area", MapView(area=area)))
    detail = rows[-1]["data"]
    organisation = next(
        (row["drill"][1] for row in detail["table"].get("aggregates", [])),
        next(
            (
                r["id"].removeprefix("org:")
                for r in detail["table"]["rows"]
                if r["kind"] == "organisation"
            ),
            "",
        ),
    )
    rows.append(measure("one organisation", MapView(area=area, organisation=organisation)))
    warm = measure_warm_up(MapView(area=area, organisation=organisation))
    print(f"generated in {generated_s:.0f} s; graph built in {graph_ms:.0f} ms")
    header = ("view", "level", "nodes", "edges", "KB", "cold ms", "warm ms")
    print("{:24} {:14} {:>6} {:>6} {:>7} {:>8} {:>8}".format(*header))
    for row in rows:
        print(
            f"{row['view']:24} {row['level']:14} {row['nodes']:6} {row['edges']:6} "
            f"{row['payload_bytes'] / 1024:7.1f} {row['cold_ms']:8} {row['warm_ms']:8}"
        )
    print(
        f"after a data change: warm-up task {warm['warm_up_s']:.1f} s; a request meanwhile "
        f"(previous version) national {warm['during_national_ms']} ms, one organisation "
        f"{warm['during_organisation_ms']} ms; national after the warm-up "
        f"{warm['after_national_ms']} ms"
    )
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for row in rows:
        row.pop("data")
    result = {
        "services": args.services,
        "relations": args.relations,
        "graph_ms": round(graph_ms),
        "views": rows,
        "after_a_change": warm,
    }
    (RESULTS_DIR / f"map_scale-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
