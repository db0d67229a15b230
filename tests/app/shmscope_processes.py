"""Runs shmscope-worker and shmscope-stat as real child processes for the Python tests.

The binaries come from SHMSCOPE_BIN_DIR. Every helper has a hang guard (a timeout that fails the
test), never a timing threshold: a slow machine makes the tests slower, not red.
"""

import json
import os
import queue
import re
import subprocess
import threading
import unittest

BIN_DIR = os.environ.get("SHMSCOPE_BIN_DIR", "")
SOURCE_DIR = os.environ.get("SHMSCOPE_SOURCE_DIR", "")
SHM_DIR = "/dev/shm"
HANG_GUARD_SECONDS = 60

_counter = 0


def binary(name):
    path = os.path.join(BIN_DIR, name)
    if not os.access(path, os.X_OK):
        raise RuntimeError(f"{path} is not an executable: set SHMSCOPE_BIN_DIR")
    return path


def unique_channel(prefix):
    """test-<prefix>-<pid>-<n>, the naming of tests/support/test_channel.cpp."""
    global _counter
    _counter += 1
    return f"test-{prefix}-{os.getpid()}-{_counter}"


def channel_objects(name):
    """What /dev/shm holds of channel `name` (data and control objects)."""
    return [entry for entry in os.listdir(SHM_DIR)
            if entry in (f"shmscope.{name}", f"shmscope.{name}.ctl")]


def end_process(process):
    """SIGTERM, then SIGKILL if it does not end within the hang guard."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=HANG_GUARD_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def remove_channel(name):
    subprocess.run([binary("shmscope-stat"), "--rm", name], capture_output=True,
                   timeout=HANG_GUARD_SECONDS, check=False)


class Worker:
    """A shmscope-worker with --json: its ready line, warnings and summary line."""

    def __init__(self, arguments):
        self.process = subprocess.Popen([binary("shmscope-worker"), *arguments, "--json"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True)
        self.ready = None
        self.summary = None
        self._lines = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.stderr = ""

    def _read(self):
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def _take(self, timeout):
        line = self._lines.get(timeout=timeout)
        if line is None:
            return None
        event = json.loads(line)
        if event.get("event") == "ready":
            self.ready = event
        elif event.get("event") == "summary":
            self.summary = event
        return event

    def wait_ready(self):
        while self.ready is None:
            try:
                if self._take(HANG_GUARD_SECONDS) is None:
                    break
            except queue.Empty:
                break
        if self.ready is None:
            raise AssertionError("worker never said ready: " + self._stderr_now())
        return self.ready

    def wait_exit(self):
        self.process.wait(timeout=HANG_GUARD_SECONDS)
        self._reader.join(timeout=HANG_GUARD_SECONDS)
        while True:
            try:
                if self._take(0) is None:
                    break
            except queue.Empty:
                break
        self.stderr = self.process.stderr.read()
        return self.process.returncode

    def _stderr_now(self):
        if self.process.poll() is None:
            return "(still running)"
        return self.process.stderr.read()

    @property
    def pid(self):
        return self.process.pid

    def stop(self):
        """SIGTERM, then SIGKILL if it does not end: for cleanup."""
        end_process(self.process)
        for stream in (self.process.stdout, self.process.stderr):
            stream.close()


class MetricsServer:
    """shmscope-stat --serve 127.0.0.1:0: the port comes from its 'serving' line on stderr."""

    def __init__(self, channel):
        self.process = subprocess.Popen(
            [binary("shmscope-stat"), "--serve", "127.0.0.1:0", "--channel", channel],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = self.process.stderr.readline()
        found = re.search(r"serving http://127\.0\.0\.1:(\d+)/metrics", line)
        if not found:
            self.stop()
            raise AssertionError("shmscope-stat --serve did not start: " + line)
        self.url = f"http://127.0.0.1:{found.group(1)}/metrics"

    def stop(self):
        end_process(self.process)
        self.process.stderr.close()
        return self.process.returncode


class LiveChannelCase(unittest.TestCase):
    """A test class around one live channel: the processes it starts (start()) are stopped, newest
    first, and the channel removed after the class, which then fails if /dev/shm still holds any
    of it. A subclass names its channel with CHANNEL_PREFIX and sets the channel up in
    _run_channel(); a failure there cleans up as well."""

    CHANNEL_PREFIX = "live"

    @classmethod
    def setUpClass(cls):
        cls.channel = unique_channel(cls.CHANNEL_PREFIX)
        cls.processes = []
        try:
            cls._run_channel()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def _run_channel(cls):
        raise NotImplementedError

    @classmethod
    def tearDownClass(cls):
        for process in reversed(cls.processes):
            process.stop()
        remove_channel(cls.channel)
        left = channel_objects(cls.channel)
        if left:
            raise AssertionError(f"left in /dev/shm: {left}")

    @classmethod
    def start(cls, process):
        """Keeps `process` (a Worker or MetricsServer) for the clean-up; returns it."""
        cls.processes.append(process)
        return process

    @classmethod
    def run_to_end(cls, *workers):
        """Waits for each worker to exit; any other status than 0 fails the class."""
        for worker in workers:
            if worker.wait_exit() != 0:
                raise AssertionError("worker failed: " + worker.stderr)

    @classmethod
    def start_idle_consumer(cls):
        """A consumer that stays attached (for ten minutes at most): a live process, in a record
        another one may have left."""
        idle = cls.start(Worker(["--role", "consumer", "--channel", cls.channel,
                                 "--duration", "600"]))
        idle.wait_ready()
        return idle

    @classmethod
    def stat_json(cls):
        """shmscope-stat --channel CHANNEL --once --json, parsed."""
        stat = subprocess.run([binary("shmscope-stat"), "--channel", cls.channel, "--once",
                               "--json"], capture_output=True, text=True,
                              timeout=HANG_GUARD_SECONDS, check=True)
        return json.loads(stat.stdout)
