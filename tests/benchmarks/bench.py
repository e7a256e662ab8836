"""Benchmark: load, graph and every analysis on synthetic accounts, beside the floors on the same data.

Run from anywhere, with the chainmap you want to measure installed::

    python tests/benchmarks/bench.py                        # 1,000 and 10,000 people
    python tests/benchmarks/bench.py --people 1000 10000 100000

For each size a synthetic account (``chainmap.synth``) is written as JSON, and as
YAML up to 10,000 people, and measured in a fresh subprocess, so the peak memory
(``ru_maxrss``) is that size's own. Beside chainmap's steps it times the floors on
the same data: plain ``json.load`` of the file, and PageRank on the same influence
graph with the fastest graph library installed (rustworkx, igraph, else networkx),
and prints each step's ratio to its floor. Two more floors show what Python itself
costs on this data, with their ratio to PageRank: reading every edge of the networkx
graph once, and building a who-decides row per person from fixed values. The four questions (who-decides,
champions, untouched, gaps) are timed sharing one ``analyse(G)`` passed as
``power=``, as a program asking several questions does, and again each on its own,
as one command of the CLI runs; the view computes its own. Steps are timed in CPU time
(``time.process_time``): on a shared machine wall time also counts waiting for a
core. Start-up is the median wall and CPU time of fresh ``chainmap`` processes,
beside fresh Pythons that only import what chainmap cannot do without. Analyses
are measured if their module exists; the output says which were missing.
Everything printed to stdout is Markdown for the README.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
# (label, module, function): the analyses of issues 3-6, called with the graph (view: its page).
ANALYSES = [
    ("who-decides", "chainmap.analysis.power", "who_decides"),
    ("champions", "chainmap.analysis.champions", "champions"),
    ("untouched", "chainmap.analysis.coverage", "untouched"),
    ("gaps", "chainmap.analysis.gaps", "gaps"),
    ("view", "chainmap.view", "view"),
]
# The four questions a rep asks; "load + analyses" adds up these with the load and the graph.
QUESTIONS = ("who-decides", "champions", "untouched", "gaps")
# The decision power every question starts from. A program asking several questions computes it once and passes
# it on (power=); the questions are timed that way, and again each on its own, as one command of the CLI runs.
POWER = ("decision power", "chainmap.analysis.power", "analyse")
ALONE = " alone"
YAML_UP_TO = 10_000
ANALYSIS_IMPORTS = "import click, pydantic, networkx, rich.console"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, nargs="*", default=[1_000, 10_000], help="account sizes (default: 1000 10000; none: start-up only)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cold-runs", type=int, default=10, help="fresh processes per start-up command (median)")
    parser.add_argument("--sample", default=str(REPOSITORY / "samples" / "hospital.yaml"), help="account for who-decides end to end")
    parser.add_argument("--measure", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return

    print(machine())
    print()
    print(cold_start_table(args.cold_runs, args.sample))
    if not args.people:
        return
    print()
    results = {}
    with tempfile.TemporaryDirectory(prefix="chainmap-bench-") as folder:
        for size in args.people:
            results[size] = run_size(size, args.seed, Path(folder))
    print(size_table(results))
    missing = sorted({name for result in results.values() for name in result["missing"]})
    print()
    print(f"Analyses missing when this ran: {', '.join(missing) if missing else 'none'}.")


def machine() -> str:
    """nproc, CPU model, Python and how chainmap is installed, in one line."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import chainmap

    where = "editable (source tree)" if REPOSITORY in Path(chainmap.__file__).resolve().parents else "installed (site-packages)"
    return (
        f"Machine: {os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}, "
        f"chainmap {chainmap.__version__} {where}, {time.strftime('%Y-%m-%d')}."
    )


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def cold(command: list[str], runs: int) -> tuple[float, float] | None:
    """Median wall time and median CPU time (user + system) of ``runs`` fresh processes; ``None`` if it fails.

    On a shared machine the wall time includes waiting for a core; the CPU time does not.
    """
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            return None
    return statistics.median(walls), statistics.median(cpus)


def cold_start_table(runs: int, sample: str) -> str:
    chainmap = str(Path(sys.executable).with_name("chainmap"))
    # The floors: Python itself, with click (every command needs it), and with the libraries an
    # analysis of an account file cannot do without.
    commands = [
        ("**floor:** `python -c pass`", [sys.executable, "-c", "pass"]),
        ("**floor:** `python -c 'import click'`", [sys.executable, "-c", "import click"]),
        (f"**floor:** `python -c '{ANALYSIS_IMPORTS}'`", [sys.executable, "-c", ANALYSIS_IMPORTS]),
        ("`chainmap --help`", [chainmap, "--help"]),
        ("`chainmap --version`", [chainmap, "--version"]),
    ]
    if Path(sample).exists():
        commands.append((f"`chainmap who-decides {Path(sample).name}`", [chainmap, "who-decides", sample]))
    rows = [f"| command (cold: a fresh process each run, {runs} runs) | median wall time | median CPU time |", "|---|---:|---:|"]
    for label, command in commands:
        print(f"cold start: {label}", file=sys.stderr)
        medians = cold(command, runs)
        cells = " | ".join(map(_seconds, medians)) if medians else "not available | —"
        rows.append(f"| {label} | {cells} |")
    return "\n".join(rows)


def run_size(size: int, seed: int, folder: Path) -> dict:
    """Write the account for ``size`` people and measure it in a fresh process."""
    from chainmap.synth import save, synthetic_account

    print(f"{size:,} people: writing the account", file=sys.stderr)
    start = time.process_time()
    data = synthetic_account(size, seed=seed)
    generated = time.process_time() - start
    files = [folder / f"synth-{size}.json"]
    save(data, files[0])
    if size <= YAML_UP_TO:
        files.append(folder / f"synth-{size}.yaml")
        save(data, files[1])
    del data
    print(f"{size:,} people: measuring", file=sys.stderr)
    done = subprocess.run([sys.executable, __file__, "--measure", *map(str, files)], capture_output=True, text=True)
    print(done.stderr, end="", file=sys.stderr)
    if done.returncode != 0:
        raise SystemExit(f"measuring {size} people failed")
    result = json.loads(done.stdout)
    result["synth"] = generated
    result["megabytes"] = files[0].stat().st_size / 2**20
    return result


def measure(json_file: str, yaml_file: str | None = None) -> dict:
    """Every step on one account, in this process: times in seconds, peak memory in MB."""
    timings: dict[str, float | str | None] = {}

    def timed(label: str, call, *args, **kwargs):
        start = time.process_time()
        value = call(*args, **kwargs)
        timings[label] = time.process_time() - start
        return value

    def read_json():
        with open(json_file, "rb") as source:
            return json.load(source)

    start = time.process_time()
    import chainmap
    from chainmap.graph import to_graph

    functions, missing = {}, []
    for label, module, name in [POWER, *ANALYSES]:
        found = _find(module)
        functions[label] = getattr(importlib.import_module(module), name, None) if found else None
        if functions[label] is None:
            missing.append(label)
    timings["imports"] = time.process_time() - start

    def attempt(label: str, call, *args, **kwargs):
        try:
            return timed(label, call, *args, **kwargs)
        except Exception as error:  # an analysis still being written must not stop the benchmark
            print(f"{label} failed: {type(error).__name__}: {error}", file=sys.stderr)
            timings[label] = f"failed ({type(error).__name__})"
            return None

    timings["json.load"] = best_of(3, read_json)
    account = timed("load JSON", chainmap.load, json_file)
    G = timed("graph", to_graph, account)
    timings["walk"] = best_of(3, walk_edges, G)
    timings["rows"] = best_of(3, ranking_rows, len(account.people))
    power = attempt(POWER[0], functions[POWER[0]], G) if functions[POWER[0]] else None
    for label, _, _ in ANALYSES:
        if functions[label] is not None:
            shared = {"power": power} if power is not None and label in QUESTIONS else {}
            attempt(label, functions[label], G, lang="en", **shared)
    for label in QUESTIONS:
        if functions[label] is not None and power is not None:
            attempt(label + ALONE, functions[label], G, lang="en")
    timings["pagerank"], library = pagerank_floor(account)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    people = len(account.people)
    del G, account
    if yaml_file:
        import yaml_rs

        with open(yaml_file, encoding="utf-8") as source:
            text = source.read()
        timings["yaml parse"] = best_of(3, yaml_rs.loads, text)
        timed("load YAML", chainmap.load, yaml_file)
    return {"timings": timings, "library": library, "peak": peak, "missing": missing, "people": people}


def best_of(runs: int, call, *args) -> float:
    """The fastest of ``runs`` calls: a floor is what the machine can do at best."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        call(*args)
        times.append(time.process_time() - start)
    return min(times)


def walk_edges(G) -> int:
    """Read every edge of the networkx graph once, as any analysis of it must: the floor of Python on this graph."""
    influence = 0
    for _, neighbours in G.adjacency():
        for keyed in neighbours.values():
            for attrs in keyed.values():
                if attrs["kind"] == "influences":
                    influence += 1
    return influence


def ranking_rows(people: int) -> list[dict]:
    """A who-decides row for each person from fixed values: what the JSON contract alone costs to build."""
    return [
        {
            "id": f"p{i}",
            "name": "name",
            "title": "title",
            "department": "department",
            "department_name": "department name",
            "score": round(i / 7 / people, 3),
            "position": "other",
            "factors": {factor: round(i / 11 / people, 3) for factor in ("roles", "money", "department", "formal", "informal", "declared")},
            "reasons": [f"reason {i}", "reason", "reason", "reason"],
        }
        for i in range(people)
    ]


def _find(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def pagerank_floor(account) -> tuple[float | None, str]:
    """Build the influence graph from integer edges and run PageRank with each library installed; the fastest."""
    index = {person.id: number for number, person in enumerate(account.people)}
    edges = [(index[link.source], index[link.target], float(link.strength)) for link in account.influence]
    n = len(index)
    best: tuple[float | None, str] = (None, "none installed")
    for library, run in (("rustworkx", _rustworkx), ("igraph", _igraph), ("networkx", _networkx)):
        try:
            importlib.import_module("scipy" if library == "networkx" else library)
        except ImportError:
            continue
        seconds = best_of(1, run, n, edges)
        if best[0] is None or seconds < best[0]:
            best = (seconds, library)
    return best


def _rustworkx(n: int, edges: list) -> None:
    import rustworkx

    graph = rustworkx.PyDiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    rustworkx.pagerank(graph, weight_fn=float)


def _igraph(n: int, edges: list) -> None:
    import igraph

    graph = igraph.Graph(n=n, edges=[(u, v) for u, v, _ in edges], directed=True)
    graph.pagerank(weights=[w for _, _, w in edges])


def _networkx(n: int, edges: list) -> None:
    import networkx

    graph = networkx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(edges)
    networkx.pagerank(graph)


def size_table(results: dict[int, dict]) -> str:
    """One column per size; each step with its ratio to the floor beside it."""
    sizes = list(results)
    rows = ["| step | " + " | ".join(f"{size:,} people" for size in sizes) + " |", "|---|" + "---:|" * len(sizes)]

    def row(label: str, cell) -> None:
        rows.append(f"| {label} | " + " | ".join(cell(results[size]) for size in sizes) + " |")

    def step(name: str, floor: str | None = None):
        def cell(result: dict) -> str:
            value = result["timings"].get(name)
            if isinstance(value, str):
                return value
            if value is None:
                return "missing" if name in result["missing"] else "—"
            base = result["timings"].get(floor) if floor else None
            return _seconds(value) + (f" ({value / base:.1f}× floor)" if isinstance(base, float) and base > 0 else "")

        return cell

    row("synthetic account: generate", lambda r: _seconds(r["synth"]))
    row("JSON file size", lambda r: f"{r['megabytes']:.1f} MB")
    row("imports (chainmap, networkx, analyses)", step("imports"))
    row("**floor:** `json.load` of the file", step("json.load"))
    row("load + validate, JSON", step("load JSON", "json.load"))
    row("**floor:** YAML parse alone (yaml-rs)", step("yaml parse"))
    row("load + validate, YAML", step("load YAML", "yaml parse"))
    row("graph build (networkx)", step("graph"))
    row("**floor:** PageRank, same influence graph", lambda r: _seconds(r["timings"]["pagerank"]) + f" ({r['library']})")
    row("**floor:** read every edge of the networkx graph once (Python)", step("walk", "pagerank"))
    row("**floor:** build a who-decides row per person from fixed values (Python)", step("rows", "pagerank"))
    row(f"{POWER[0]} (`analyse`), once for the four questions below", step(POWER[0], "pagerank"))
    for label, _, _ in ANALYSES:
        row(label, step(label, "pagerank"))
    row("**load JSON + graph + decision power + four analyses**", lambda r: _total(r, ["load JSON", "graph", POWER[0], *QUESTIONS]))
    for label in QUESTIONS:
        row(f"{label} on its own (its own decision power)", step(label + ALONE, "pagerank"))
    row("**load JSON + graph + four analyses, each on its own**", lambda r: _total(r, ["load JSON", "graph", *(q + ALONE for q in QUESTIONS)]))
    row("peak memory (ru_maxrss, JSON path)", lambda r: f"{r['peak']:,.0f} MB")
    return "\n".join(rows)


def _total(result: dict, steps: list[str]) -> str:
    values = [result["timings"].get(name) for name in steps]
    if not all(isinstance(value, float) for value in values):
        return "incomplete"
    return f"**{_seconds(sum(values))}**"


if __name__ == "__main__":
    main()
