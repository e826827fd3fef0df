"""No code reaches another module by a dotted-path string (`import_string`, `import_module`,
`__import__`): such imports are invisible to the import-linter contracts. Background work is
started by registered job name (`techbridge.common.jobs.enqueue_job`) instead.

Only settings machinery may resolve dotted paths: the Redis task backend loads the task a
stored job names, as Django's own backends do.
"""

from __future__ import annotations

import ast
from pathlib import Path

import techbridge

SOURCE = Path(techbridge.__file__).parent
ALLOWED = {SOURCE / "common" / "redis_tasks.py"}
DOTTED_PATH_LOADERS = {"import_string", "import_module", "__import__"}


def _dotted_path_loads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.ImportFrom):
            names = {alias.name for alias in node.names}
            found += [f"line {node.lineno}: imports {name}" for name in names & DOTTED_PATH_LOADERS]
        elif isinstance(node, ast.Name | ast.Attribute):
            name = node.id if isinstance(node, ast.Name) else node.attr
            if name in DOTTED_PATH_LOADERS:
                found.append(f"line {node.lineno}: uses {name}")
    return found


def test_no_code_imports_by_dotted_path_string() -> None:
    offenders = {
        str(path.relative_to(SOURCE)): loads
        for path in sorted(SOURCE.rglob("*.py"))
        if "migrations" not in path.parts and path not in ALLOWED
        if (loads := _dotted_path_loads(path))
    }
    assert offenders == {}, "Start background work with enqueue_job(name), not by dotted path"


def test_the_check_finds_a_dotted_path_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.utils.module_loading import import_string\nrun = import_string('a.b')\n",
        encoding="utf-8",
    )
    assert _dotted_path_loads(sample) == ["line 1: imports import_string", "line 2: uses import_string"]
