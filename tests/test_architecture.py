"""The dependency rule (docs/architecture.md, pyproject.toml [tool.importlinter]):
project -> readers' site -> interviews -> publishing, never back; pure cores without
Django. A new import against it fails the suite, naming the offending import chain."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_imports_follow_the_dependency_rule():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
