"""unittest's assertions for the end-to-end scenario scripts.

Each *_test.py here is one long scenario against the real daemon, run by
ctest as a script; its checks are unittest assertions (CHECK.assertEqual,
assertIn, ...) rather than bare `assert` statements: they still run under
`python3 -O`, and a failure prints both sides, not just the expression.
"""
import unittest


class _Checks(unittest.TestCase):
    maxDiff = None

    def runTest(self):  # a TestCase needs one; the scripts call CHECK.*
        pass


CHECK = _Checks()
