"""Internals of the fake Maximo runtime.

Everything below ``sitepath/maximo`` is imported by automation scripts (through
the ``psdi`` look-alikes) in CPython *and* in real Jython 2.7, so it is written
in the Python 2/3-compatible subset: no f-strings, annotations or ``nonlocal``.
"""
