"""What the tests use and the shipped toolkit does not: kept out of the wheel.

``tools`` is on pytest's path, so tests import ``testkit`` as they import
``maxkit``; pyproject's package list names ``maxkit*`` only, so nothing here
is installed, and a test checks that no shipped module imports it.
"""
