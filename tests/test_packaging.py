"""The built wheel carries data/ and works from another directory, in a fresh venv."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_installs_and_runs_elsewhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    wheels = list(dist.glob("milia_risk-*.whl"))
    assert len(wheels) == 1
    import zipfile

    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "ingredients/data/vocabulary.txt" in names
    assert any(n.startswith("ingredients/data/risk/") and n.endswith(".yaml") for n in names)
    assert "ingredients/py.typed" in names
    assert "milia_cli/main.py" in names

    env_dir = tmp_path / "venv"
    # The fresh venv sees this interpreter's site-packages for the dependencies
    # (no network needed) but not the editable install of this checkout.
    venv.EnvBuilder(system_site_packages=False, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site,
                    str(wheels[0])], check=True, capture_output=True, text=True)
    deps = [p for p in sys.path if p.endswith("site-packages")]
    code = (
        "import ingredients, pathlib; "
        "assert 'site-packages' in ingredients.__file__ or 'venv' in ingredients.__file__, ingredients.__file__; "
        "r = ingredients.analyze('Aqua, Petrolatum, Lanolin'); "
        "print(r.band, len(ingredients.default_database().vocabulary))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([site, *deps])}
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, env=env, check=True,
                         capture_output=True, text=True)
    band, names_count = out.stdout.split()
    assert band in {"low", "moderate", "high"}
    assert int(names_count) >= 28_000
