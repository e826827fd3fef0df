from __future__ import annotations

import json
from pathlib import Path

import pytest

from techbridge_bench.vectors import main


def run_ann(capsys: pytest.CaptureFixture[str], tmp_path: Path, *extra: str) -> dict[str, object]:
    arguments = ["vectors", "ann", "--n", "60000", "--dim", "8", "--queries", "20"]
    assert main([*arguments, "--cache-dir", str(tmp_path), *extra]) == 0
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    return report


def test_ann_bench_measures_each_effort_on_the_inverted_lists(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = run_ann(capsys, tmp_path, "--effort", "1,2000")
    searches = report["searches"]
    assert isinstance(searches, list)
    assert [s["effort"] for s in searches] == [1, 2000]
    assert searches[1]["recall_at_10"] >= 0.99  # every cell visited: only the 8-bit codes differ
    assert searches[0]["recall_at_10"] < searches[1]["recall_at_10"]
    assert (report["backend"], report["built_this_run"]) == ("ivf", True)
    again = run_ann(capsys, tmp_path, "--effort", "2000")
    assert again["built_this_run"] is False


def test_ann_bench_uniform_vectors_are_harder_than_clustered(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    clustered = run_ann(capsys, tmp_path, "--effort", "8")["searches"]
    uniform = run_ann(capsys, tmp_path, "--effort", "8", "--distribution", "uniform")["searches"]
    assert isinstance(clustered, list)
    assert isinstance(uniform, list)
    assert uniform[0]["recall_at_10"] < clustered[0]["recall_at_10"]
