"""``invoke bench``: the bulk path against one action per person and IBM's per-user flow.

Every flow sends the same synthetic persons to a fresh MAS emulator with the
same latency per request; requests are counted by the emulator, wall time by
the bench. The last line printed is the ratio of the bulk path to IBM's flow.
"""

from maxkit.bench.run import ratio_line, run_bench

__all__ = ["ratio_line", "run_bench"]
