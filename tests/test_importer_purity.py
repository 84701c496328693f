"""The pure cores: plain Python, no Django (RULES: pure core, thin shells).

The importer as a whole; of related articles, the text features and the scoring (the
package's entry points around them use the database). The same rule is an import-linter
contract in pyproject.toml, checked by tests/test_architecture.py."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "interviews" / "importer"
RELATED = PACKAGE.parent / "related"
PURE_RELATED_MODULES = ("features", "scoring")
DJANGO = ("django", "wagtail", "taggit", "modelcluster")
# Pure modules outside the importer that it builds on: the one exchange and its anchors.
SHARED_PURE = ("interviews.exchange", "interviews.anchors")


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


def imported_modules(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules.append(node.module or "")
    return modules


def test_no_module_of_the_importer_names_django():
    for path in sorted(PACKAGE.glob("*.py")):
        for module in imported_modules(path):
            top = module.split(".")[0]
            assert top not in DJANGO, (path, module)
            own = module.startswith("interviews.importer") or module in SHARED_PURE
            assert top != "interviews" or own, (path, module)


@pytest.mark.parametrize("name", PURE_RELATED_MODULES)
def test_the_pure_modules_of_related_articles_name_no_django(name):
    path = RELATED / f"{name}.py"
    pure = {f"interviews.related.{module}" for module in PURE_RELATED_MODULES}
    pure.add("interviews.importer.language")  # the one language detector, pure too
    pure.add("interviews.stored_exchange")  # the stored shape of an exchange, pure too
    for module in imported_modules(path):
        top = module.split(".")[0]
        assert top not in DJANGO, (path, module)
        assert top != "interviews" or module in pure, (path, module)
