"""The importer is a pure core: plain Python, no Django (RULES: pure core, thin shells)."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "interviews" / "importer"


@pytest.fixture(scope="session", autouse=True)
def required_services():
    """Overrides the conftest check: nothing here needs a database or a browser."""


def test_importing_the_importer_loads_no_django():
    code = (
        "import sys; import interviews.importer; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'wagtail')); "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parents[1],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_of_the_importer_names_django():
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert top not in ("django", "wagtail", "taggit", "modelcluster"), (path, module)
                assert top != "interviews" or module.startswith("interviews.importer"), (
                    path,
                    module,
                )
