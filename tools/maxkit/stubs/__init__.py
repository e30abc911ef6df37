"""Type stubs (.pyi) for the Maximo and Java API automation scripts use.

Point a type checker at :data:`STUBS_DIR` (mypy: ``mypy_path``; Pyright and
Pylance: ``stubPath``). The implicit variables (``service``, ``mbo``, ...) are
in ``maximo_implicit.pyi``; ``python -m maxkit.stubs --builtins`` writes them
as the ``__builtins__.pyi`` Pyright reads from a project's root.
"""

from pathlib import Path

STUBS_DIR = Path(__file__).resolve().parent
IMPLICIT_STUB = STUBS_DIR / "maximo_implicit.pyi"

__all__ = ["IMPLICIT_STUB", "STUBS_DIR", "builtins_stub"]


def builtins_stub() -> str:
    """The text of a ``__builtins__.pyi`` declaring Maximo's implicit variables."""
    return (
        "# Written by `python -m maxkit.stubs --builtins`: Maximo's implicit\n"
        "# script variables for Pyright/Pylance; regenerate, do not edit.\n"
        + IMPLICIT_STUB.read_text(encoding="utf-8")
    )
