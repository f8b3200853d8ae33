"""`python -m exports export`: writes every chart and the data of a view; bad arguments exit with status 2."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from data.select import View
from data.table import table as view_rows
from exports import FIGURES, cli

REPO = Path(__file__).resolve().parents[2]
STEM = "2013-01_2013-12"


@pytest.mark.skipif(not shutil.which("chromium"), reason="image export needs Chromium (make system-deps)")
def test_cli_writes_every_file_of_a_view(tmp_path, bundle):
    out = tmp_path / "report"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "exports",
            "export",
            "--out",
            str(out),
            "--from",
            "2013-01",
            "--to",
            "2013-12",
            "--format",
            "png,pdf",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    n = 2 * len(FIGURES) + 2
    assert f"Wrote {n} of {n} files" in run.stdout
    assert f"{n}/{n}" in run.stderr  # the progress bar got to the end
    expected = {f"camps-atlas-{f}-{STEM}.{fmt}" for f in FIGURES for fmt in ("png", "pdf")}
    expected |= {f"camps-atlas-data-{STEM}.csv", f"camps-atlas-data-{STEM}.geojson"}
    assert {p.name for p in out.iterdir()} == expected
    for figure in FIGURES:
        assert (out / f"camps-atlas-{figure}-{STEM}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert (out / f"camps-atlas-{figure}-{STEM}.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / f"camps-atlas-map-{STEM}.png").stat().st_size > 30_000
    table = view_rows(bundle, View(pd.Period("2013-01", "M"), pd.Period("2013-12", "M")))
    rows = pd.read_csv(out / f"camps-atlas-data-{STEM}.csv", dtype=str, keep_default_na=False)
    assert list(rows["item_id"]) == list(table["item_id"]) and len(rows) > 0
    features = gpd.read_file(out / f"camps-atlas-data-{STEM}.geojson")
    assert len(features) == len(table)
    assert json.loads((out / f"camps-atlas-data-{STEM}.geojson").read_text())["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--from", "banana"], "--from 'banana'"),
        (["--to", "2099-01"], "--to 2099-01 is outside the data"),
        (["--from", "2014-01", "--to", "2013-01"], "--from 2014-01 is after --to 2013-01"),
        (["--place", "nowhere"], "--place 'nowhere'"),
        (["--lens", "mine"], "--lens 'mine'"),
        (["--format", "png,exe"], "unknown image format(s) 'exe'"),
        (["--format", "csv"], "csv and geojson are always written"),
        (["--width", "100000"], "--width 100000 is out of bounds"),
        (["--scale", "x"], "--scale 'x'"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(tmp_path, capsys, args, named):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--out", str(tmp_path / "out"), *args])
    assert exit_.value.code == 2
    assert named in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing written


def test_missing_out_or_command_exits_2(capsys):
    for argv in ([], ["export"]):
        with pytest.raises(SystemExit) as exit_:
            cli.main(argv)
        assert exit_.value.code == 2
    assert "required" in capsys.readouterr().err


def test_out_must_be_a_folder(tmp_path, capsys):
    file = tmp_path / "file.txt"
    file.write_text("x")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["export", "--out", str(file)])
    assert exit_.value.code == 2
    assert "is not a folder" in capsys.readouterr().err


def test_a_failed_render_is_reported_and_exit_1(tmp_path, capsys, monkeypatch):
    from exports import images

    def broken(*args, **kwargs):
        raise images.RendererUnavailable("no browser")

    monkeypatch.setattr(images, "export_image", broken)
    code = cli.main(
        ["export", "--out", str(tmp_path), "--from", "2013-09", "--to", "2013-09", "--format", "svg", "--no-progress"]
    )
    out, err = capsys.readouterr()
    assert code == 1
    assert f"Wrote 2 of {len(FIGURES) + 2} files" in out
    assert "failed: camps-atlas-map-2013-09_2013-09.svg: no browser" in err
    assert (tmp_path / "camps-atlas-data-2013-09_2013-09.csv").exists()
    assert io.BytesIO((tmp_path / "camps-atlas-data-2013-09_2013-09.geojson").read_bytes()).read(1) == b"{"
