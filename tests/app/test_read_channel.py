"""examples/read_channel.py against a live channel: what it reads from docs/PROTOCOL.md alone
must be what shmscope-stat --json and the workers' summaries say; broken segments end in one
line and exit status 1, never a traceback.
"""

import json
import os
import subprocess
import sys
import unittest

from shmscope_processes import (HANG_GUARD_SECONDS, SHM_DIR, SOURCE_DIR, LiveChannelCase, Worker,
                                unique_channel)

READER = os.path.join(SOURCE_DIR, "examples", "read_channel.py")
MESSAGES = 2000
SLOTS = 4
SLOT_BYTES = 1024
SUMMARY_COUNTERS = ("messages", "bytes", "drops", "overrun", "gaps", "reordered", "corrupt",
                    "lost_to_crash", "incomplete")


def run_reader(*arguments):
    return subprocess.run([sys.executable, "-B", READER, *arguments], capture_output=True,
                          text=True, timeout=HANG_GUARD_SECONDS, check=False)


class ReadLiveChannelTest(LiveChannelCase):
    CHANNEL_PREFIX = "reader"

    @classmethod
    def _run_channel(cls):
        channel = ["--channel", cls.channel]
        # mutex: lock counters; messages of three slots each: chunks and reassembly.
        cls.producer = cls.start(Worker(["--role", "producer", *channel, "--create", "--keep",
                                         "--sync", "mutex", "--slots", str(SLOTS), "--slot-size",
                                         str(SLOT_BYTES), "--msg-size", str(3 * SLOT_BYTES),
                                         "--count", str(MESSAGES)]))
        cls.producer.wait_ready()
        cls.consumer = cls.start(Worker(["--role", "consumer", *channel]))
        cls.run_to_end(cls.producer, cls.consumer)
        cls.idle = cls.start_idle_consumer()
        read = run_reader(cls.channel, "--json")
        if read.returncode != 0:
            raise AssertionError("read_channel.py failed: " + read.stderr)
        cls.read = json.loads(read.stdout)
        cls.stat = cls.stat_json()
        cls.text = run_reader(cls.channel)

    def test_header_is_the_channel_as_created(self):
        header, params = self.read["header"], self.stat["params"]
        self.assertEqual(header["magic"], "SHMSCOPE")
        self.assertEqual(header["version_major"], 2)
        for field in ("sync", "delivery", "backpressure", "checksum", "transport"):
            self.assertEqual(header[field], params[field], field)
        self.assertEqual(header["slot_count"], params["slots"])
        self.assertEqual(header["slot_payload_bytes"], params["slot_size"])
        self.assertEqual(header["mode"] & 0o777, int(params["mode"], 8))
        self.assertEqual(header["creator_pid"], self.stat["creator_pid"])
        self.assertEqual(header["creator_pid"], self.producer.ready["pid"])
        self.assertEqual(header["segment_bytes"],
                         os.stat(os.path.join(SHM_DIR, "shmscope." + self.channel)).st_size)
        # docs/PROTOCOL.md's hash and ABI tag, recomputed: this machine's Boost is 1.74.
        self.assertTrue(header["abi_boost_1_74"], hex(header["abi_tag"]))
        self.assertTrue(header["this_boot"])

    def test_ring_positions_match_shmscope_stat(self):
        ring = self.stat["ring"]
        self.assertEqual(self.read["ring"], {"head": ring["head"], "tail": ring["tail"],
                                             "high_water_slots": ring["high_water_slots"]})
        self.assertEqual(ring["head"], MESSAGES * 3)  # positions count slots: 3 chunks each

    def test_records_match_shmscope_stat(self):
        read = {r["record"]: r for r in self.read["records"]}
        stat = {r["record"]: r for r in self.stat["records"]}
        self.assertEqual(set(read), set(stat))
        for index, record in stat.items():
            with self.subTest(record=index):
                mine = read[index]
                for field in ("pid", "role", "program", "state", "alive", "incarnation", "closed",
                              "last_sequence", "message_bytes", "rate_hz"):
                    self.assertEqual(mine[field], record[field], field)
                counters = dict(record["counters"])
                if record["alive"]:  # the idle consumer's waits go on between the two reads
                    for moving in ("wait_ns", "blocked"):
                        counters.pop(moving)
                        mine["counters"].pop(moving)
                self.assertEqual(mine["counters"], counters)
        self.assertEqual(self.read["departed"], self.stat["departed"])
        alive = [r["pid"] for r in self.read["records"] if r["alive"]]
        self.assertEqual(alive, [self.idle.pid])

    def test_counters_are_the_workers_summaries(self):
        by_pid = {r["pid"]: r for r in self.read["records"]}
        departed = dict.fromkeys(SUMMARY_COUNTERS, 0)
        for worker in (self.producer, self.consumer):
            record = by_pid.get(worker.pid)
            for field in SUMMARY_COUNTERS:
                if record is None:  # reused by the idle consumer: in the departed totals
                    departed[field] += worker.summary[field]
                else:
                    self.assertEqual(record["counters"][field], worker.summary[field], field)
        for field in SUMMARY_COUNTERS:
            self.assertEqual(self.read["departed"][field], departed[field], field)
        self.assertEqual(self.producer.summary["messages"], MESSAGES)
        self.assertEqual(self.consumer.summary["messages"], MESSAGES)

    def test_text_output(self):
        self.assertEqual(self.text.returncode, 0, self.text.stderr)
        self.assertIn(f"channel {self.channel}: layout v2.", self.text.stdout)
        self.assertIn(f"pid {self.idle.pid} consumer active alive", self.text.stdout)
        self.assertIn("mutex, queue, block, checksum xxh3, 4 slots of 1024 B", self.text.stdout)


class BrokenInputTest(unittest.TestCase):
    def expect_one_line(self, result, status, words):
        self.assertEqual(result.returncode, status, result.stderr)
        line = result.stderr.strip()
        self.assertEqual(line.count("\n"), 0, result.stderr)
        self.assertIn(words, line)
        self.assertEqual(result.stdout, "")

    def test_bad_usage(self):
        self.expect_one_line(run_reader(), 2, "usage")
        self.expect_one_line(run_reader("../etc/passwd"), 2, "not a channel name")
        self.expect_one_line(run_reader("a..b"), 2, "not a channel name")

    def test_absent_channel(self):
        self.expect_one_line(run_reader(unique_channel("reader-absent")), 1, "does not exist")

    def test_broken_segments(self):
        header = bytearray(4096)
        cases = [("short", b"\0" * 100, "still initialising"),
                 ("zero magic", bytes(header), "still initialising"),
                 ("bad magic", b"NOTSHMSC" + bytes(header[8:]), "bad magic")]
        future = bytearray(header)
        future[0:8] = b"SHMSCOPE"
        future[8:10] = (3).to_bytes(2, "little")
        cases.append(("major 3", bytes(future), "layout v3.0"))
        wrong_size = bytearray(future)
        wrong_size[8:10] = (2).to_bytes(2, "little")
        wrong_size[12:16] = (256).to_bytes(4, "little")
        wrong_size[16:24] = (8192).to_bytes(8, "little")
        wrong_size[24:28] = (0x01020304).to_bytes(4, "little")
        cases.append(("wrong size", bytes(wrong_size), "header says 8192 bytes"))
        for label, content, words in cases:
            with self.subTest(label):
                name = unique_channel("reader-broken")
                path = os.path.join(SHM_DIR, "shmscope." + name)
                try:
                    with open(path, "wb") as segment:
                        segment.write(content)
                    self.expect_one_line(run_reader(name), 1, words)
                finally:
                    os.unlink(path)


if __name__ == "__main__":
    unittest.main()
