"""The lint gate: rules over the bundle's sources, black, Jython 2.7 and mypy.

``python -m maxkit.lint`` (and ``invoke lint``) prints one
``path:line: CODE message`` line per finding and fails when there is any.
"""

from maxkit.lint.registry import CHECKS, RULES, Finding, Rule
from maxkit.lint.runner import lint, select

__all__ = ["CHECKS", "RULES", "Finding", "Rule", "lint", "select"]
