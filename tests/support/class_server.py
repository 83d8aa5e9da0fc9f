"""One `roost serve` for a whole test class (the tests then use distinct topics and client ids).

    class MyTests(ClassServerTestCase):
        @classmethod
        def server_args(cls):
            return ["--max-keepalive", "30"]   # may first write files to cls.dir

        def test_something(self):
            ...  # self.server is a started RoostServer

`cls.dir` is a directory of the class's own (certificates, password and rule files), removed with
the server. The server is stopped in tearDownClass (exit status 0 asserted); a failing test prints
its log.
"""

import shutil
import sys
import tempfile
import unittest
import warnings

from roost_server import RoostServer


class ClassServerTestCase(unittest.TestCase):

    @classmethod
    def server_args(cls):
        """Extra `roost serve` arguments for the class's server; called once, when `cls.dir` exists
        (the files the arguments name may be written there)."""
        return []

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp(prefix="roost-class-")
        cls.server = None
        try:
            cls.server = RoostServer(*cls.server_args())
            cls.server.start()
        except Exception:
            cls._remove_files()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.server.stop()
        finally:
            cls._remove_files()
            super().tearDownClass()

    @classmethod
    def _remove_files(cls):
        if cls.server is not None:
            cls.server.cleanup_data()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        super().setUp()
        # Sockets a test leaves open are closed with the process; no warning per socket.
        warnings.simplefilter("ignore", ResourceWarning)

    def run(self, result=None):
        before = len(result.failures) + len(result.errors) if result else 0
        out = super().run(result)
        if result and len(result.failures) + len(result.errors) > before:
            sys.stderr.write(f"\n===== roost server log ({self.id()}) =====\n"
                             f"command: {' '.join(getattr(self.server, 'command', []))}\n"
                             f"{self.server.log()}\n===== end of roost server log =====\n")
            sys.stderr.flush()
        return out
