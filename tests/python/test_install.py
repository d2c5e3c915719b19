"""`cmake --install` puts the package where the build's interpreter imports it.

Installs this build's `python` component into a temporary prefix, then imports tiaodu
from there in a fresh interpreter that sees nothing of the build tree, and evaluates the
sample (the README's "Using it from Python").
"""

import json
import os
import pathlib
import subprocess
import sys

import tiaodu
from conftest import SAMPLE, YEAR_END


def required_env(name):
    value = os.environ.get(name)
    assert value, f"{name} is not set: run this test through CTest (tests/python.cmake)"
    return value


def test_install_then_import_and_evaluate(tmp_path, year_end_result):
    prefix = tmp_path / "prefix"
    env = dict(os.environ)
    env.pop("LD_PRELOAD", None)  # cmake itself is not built with the sanitizers
    subprocess.run([required_env("TIAODU_CMAKE"), "--install", required_env("TIAODU_BUILD_DIR"),
                    "--prefix", str(prefix), "--component", "python"], check=True, env=env,
                   stdout=subprocess.PIPE)
    site = prefix / required_env("TIAODU_PYTHON_INSTALL_DIR")
    names = {p.name for p in (site / "tiaodu").iterdir()}
    extension = [n for n in names if n.startswith("_tiaodu.") and n.endswith(".so")]
    assert len(extension) == 1, names
    assert names - set(extension) == {"__init__.py", "__init__.pyi", "py.typed"}

    # Only the installed package on the path: not the build tree, not the tests.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    script = (
        "import datetime, json, tiaodu\n"
        f"s = tiaodu.Snapshot.load({str(SAMPLE)!r})\n"
        f"r = tiaodu.evaluate(s, datetime.date.fromisoformat({YEAR_END.isoformat()!r}))\n"
        "print(json.dumps({'file': tiaodu.__file__, 'version': tiaodu.__version__,\n"
        "                  'decisions': len(r.decisions), 'json': r.to_json()}))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    got = json.loads(out)
    assert pathlib.Path(got["file"]).resolve() == (site / "tiaodu" / "__init__.py").resolve()
    assert got["version"] == tiaodu.__version__
    assert got["decisions"] == len(year_end_result.decisions) > 0
    assert got["json"] == year_end_result.to_json()
