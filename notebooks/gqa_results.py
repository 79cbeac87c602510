"""Read the CSV export of the GQA tables and join evaluate runs to their model variants.

The notebooks in this folder share these helpers. `gqa export` writes the CSV files
(see README.md): one per Delta table, with a header row, empty fields for nulls and
manifest.json beside them.
"""

import json
import math
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: figures are saved as PNG files
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent

# Environment variables that locate the export and the figures.
EXPORT_DIR_VARIABLE = "GQA_EXPORT_DIR"
FIGURES_DIR_VARIABLE = "GQA_FIGURES_DIR"
# The tables of conf/local.conf are under work/delta; export them to work/export.
DEFAULT_EXPORT_DIR = REPO_ROOT / "work" / "export"

QUALITY_METRICS = {"rougeL": "ROUGE-L", "bleu": "BLEU"}
METHOD_ORDER = ["mean", "first", "random"]


def export_dir():
    """Return the folder of the CSV export: $GQA_EXPORT_DIR, else work/export in the repository."""
    return Path(os.environ.get(EXPORT_DIR_VARIABLE, DEFAULT_EXPORT_DIR))


def figures_dir():
    """Return the folder for PNG files: $GQA_FIGURES_DIR, else figures/ in the export folder."""
    folder = Path(os.environ.get(FIGURES_DIR_VARIABLE, export_dir() / "figures"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read_table(name):
    """Read NAME.csv from the export folder, or return None when the export has no such file."""
    path = export_dir() / f"{name}.csv"
    if not path.exists():
        print(f"{path} not found: the figures that need the {name} table show a message instead.")
        return None
    # keep_default_na=False keeps the string "NA" as text; only empty fields are null.
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in ("start_time", "end_time", "time"):
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def variant_label(num_heads, num_key_value_heads):
    """Name a model variant as Ainslie et al. (2023) do: MHA, MQA or GQA-G."""
    if pd.isna(num_key_value_heads):
        return "unknown"
    kv = int(num_key_value_heads)
    if not pd.isna(num_heads) and kv == int(num_heads):
        return "MHA"
    if kv == 1:
        return "MQA"
    return f"GQA-{kv}"


def lineage(runs):
    """Return, per run id, its runs from itself up through parent_run_id (cycles stop)."""
    by_id = runs.set_index("run_id").to_dict("index")
    chains = {}
    for run_id in by_id:
        chain, seen, current = [], set(), run_id
        while current in by_id and current not in seen:
            seen.add(current)
            chain.append(dict(by_id[current], run_id=current))
            current = by_id[current].get("parent_run_id")
        chains[run_id] = chain
    return chains


def _first(chain, column):
    for run in chain:
        value = run.get(column)
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            return value
    return None


def evaluate_variants(runs):
    """Return one row per evaluate run with the variant it evaluated.

    Heads, key/value heads and the conversion method come from the nearest run in the
    lineage that records them. The uptraining fraction alpha comes from the nearest uptrain
    run. A converted model without an uptrain run has alpha 0, and an unconverted one NaN.
    """
    rows = []
    chains = lineage(runs)
    for run_id, chain in chains.items():
        if chain[0]["phase"] != "evaluate":
            continue
        phases = [run["phase"] for run in chain]
        heads = _first(chain, "num_heads")
        kv = _first(chain, "num_key_value_heads")
        method = _first(chain, "conversion_method")
        uptrain = next((run for run in chain if run["phase"] == "uptrain"), None)
        if uptrain is not None and not pd.isna(uptrain.get("uptraining_fraction")):
            alpha = float(uptrain["uptraining_fraction"])
        elif "convert" in phases or method is not None:
            alpha = 0.0
        else:
            alpha = float("nan")
        rows.append({
            "run_id": run_id,
            "variant": variant_label(heads, kv),
            "num_heads": heads,
            "num_key_value_heads": kv,
            "conversion_method": method,
            "alpha": alpha,
            "status": chain[0]["status"],
        })
    return pd.DataFrame(rows, columns=["run_id", "variant", "num_heads", "num_key_value_heads",
                                       "conversion_method", "alpha", "status"])


def quality(runs, metrics):
    """Return the ROUGE-L and BLEU rows of metrics joined to their evaluate runs' variants."""
    if runs is None or metrics is None:
        return pd.DataFrame(columns=["run_id", "variant", "num_key_value_heads",
                                     "conversion_method", "alpha", "dataset", "metric",
                                     "value"])
    variants = evaluate_variants(runs)
    scores = metrics[metrics["metric"].isin(QUALITY_METRICS)]
    joined = scores.merge(variants, on="run_id", how="inner")
    return joined[["run_id", "variant", "num_heads", "num_key_value_heads",
                   "conversion_method", "alpha", "dataset", "metric", "value"]]


def time_per_sample(runs, timings):
    """Return seconds per sample per evaluate run.

    The decode benchmark's rows for the same number of key/value heads come first (their
    mean over the benchmark's settings), as in the summary table of gqa run, because the
    benchmark fixes the input and output lengths for every variant. Without them, the
    evaluate run's own decode_timings rows are used. The source column records which.
    """
    columns = ["run_id", "seconds_per_sample", "source"]
    if runs is None or timings is None or timings.empty:
        return pd.DataFrame(columns=columns)
    variants = evaluate_variants(runs)
    own = timings.groupby("run_id")["seconds_per_sample"].mean()
    benchmark = timings[~timings["run_id"].isin(set(variants["run_id"]))]
    by_heads = benchmark.groupby("num_key_value_heads")["seconds_per_sample"].mean()
    rows = []
    for variant in variants.itertuples():
        if variant.num_key_value_heads is not None and variant.num_key_value_heads in by_heads:
            rows.append((variant.run_id, by_heads[variant.num_key_value_heads],
                         "decode benchmark"))
        elif variant.run_id in own.index:
            rows.append((variant.run_id, own[variant.run_id], "evaluate run"))
    return pd.DataFrame(rows, columns=columns)


def show_message(ax, message):
    """Write a message in the middle of an empty plot, for data that is missing."""
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, fontsize=10,
            transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def save_figure(fig, name, series):
    """Save the figure as NAME.png and the plotted points as NAME.json in the figures folder.

    series maps a series name to a list of (x, y) points; the JSON file lets tests and
    readers check the numbers without reading pixels.
    """
    folder = figures_dir()
    png = folder / f"{name}.png"
    fig.savefig(png, dpi=120, bbox_inches="tight")
    points = {key: [[_plain(x), _plain(y)] for x, y in value] for key, value in series.items()}
    (folder / f"{name}.json").write_text(json.dumps(points, indent=1, sort_keys=True) + "\n")
    print(f"Saved {png} ({sum(len(v) for v in points.values())} points)")
    return png


def _plain(value):
    if isinstance(value, str):
        return value
    return None if value is None or pd.isna(value) else round(float(value), 6)


def new_figure(columns=1):
    """Return a figure with one row of axes."""
    fig, axes = plt.subplots(1, columns, figsize=(5.5 * columns, 4.2), squeeze=False)
    return fig, list(axes[0])


def series_name(variant, method, alpha):
    """Name a plotted series: the variant, then the conversion method and alpha when known."""
    name = variant
    if isinstance(method, str):
        name += f" {method}"
    if alpha is not None and not pd.isna(alpha):
        name += f" α={alpha:g}"
    return name


def evaluate_run_ids(runs):
    """Return the ids of the evaluate runs in the runs table."""
    if runs is None:
        return set()
    return set(runs.loc[runs["phase"] == "evaluate", "run_id"])
