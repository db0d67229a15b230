"""shmscope-stat --serve scraped live, in both formats, by prometheus_client's parsers.

A producer and a consumer run on a kept channel and end with their summary lines; a second
consumer then stays attached (it reuses a record, so the departed totals are in play). The
scrape must parse with the strict OpenMetrics parser and with the classic one, list exactly the
families of docs/METRICS.md with their types, units, HELP and labels, and its counters must be
what the workers' summaries say. The Grafana dashboard in docs/ may query only metrics the
scrape has.
"""

import json
import os
import re
import unittest
import urllib.error
import urllib.request

from prometheus_client.openmetrics.parser import text_string_to_metric_families as parse_openmetrics
from prometheus_client.parser import text_string_to_metric_families as parse_classic

from shmscope_processes import (HANG_GUARD_SECONDS, SOURCE_DIR, LiveChannelCase, MetricsServer,
                                Worker, unique_channel)

OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8"
CLASSIC_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# What Prometheus 2.x sends.
PROMETHEUS_ACCEPT = ("application/openmetrics-text;version=1.0.0,application/openmetrics-text;"
                     "version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1")
MESSAGES = 20000
SLOTS = 8
SLOT_BYTES = 4096
# Summary line field -> counter family: the counters a worker's summary reports.
SUMMARY_COUNTERS = {
    "messages": "shmscope_messages_total",
    "bytes": "shmscope_payload_bytes_total",
    "drops": "shmscope_dropped_messages_total",
    "overrun": "shmscope_overrun_messages_total",
    "gaps": "shmscope_gap_messages_total",
    "reordered": "shmscope_reordered_messages_total",
    "corrupt": "shmscope_corrupt_messages_total",
    "lost_to_crash": "shmscope_lost_to_crash_slots_total",
    "incomplete": "shmscope_incomplete_messages_total",
}


def documented_metrics():
    """docs/METRICS.md's table: sample name -> (type, unit, label names)."""
    rows = {}
    with open(os.path.join(SOURCE_DIR, "docs", "METRICS.md"), encoding="utf-8") as doc:
        for line in doc:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if len(cells) == 5 and re.fullmatch(r"`shmscope_[a-z_]+`", cells[0]):
                unit = "" if cells[2] == "—" else cells[2]
                labels = frozenset(label.strip() for label in cells[3].split(","))
                rows[cells[0].strip("`")] = (cells[1], unit, labels)
    return rows


def documented_counters():
    """docs/METRICS.md's counters: sample name -> statistics table counter (its JSON name)."""
    counters = {}
    with open(os.path.join(SOURCE_DIR, "docs", "METRICS.md"), encoding="utf-8") as doc:
        for line in doc:
            found = re.match(r"\| `(shmscope_[a-z_]+_total)` \| counter \|.*\(`([a-z_]+)`\) \|$",
                             line.strip())
            if found:
                counters[found.group(1)] = found.group(2)
    return counters


def family_name(sample_name, metric_type):
    """OpenMetrics family of a documented sample name: counters and infos lose their suffix."""
    suffix = {"counter": "_total", "info": "_info"}.get(metric_type, "")
    return sample_name[:-len(suffix)] if suffix else sample_name


def scrape(url, accept=None, method="GET"):
    headers = {"Accept": accept} if accept is not None else {}
    request = urllib.request.Request(url, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=HANG_GUARD_SECONDS) as response:
        return response.headers.get("Content-Type"), response.read().decode("utf-8")


def samples_by_key(families):
    """(sample name, sorted labels) -> value over every family."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in families for s in family.samples}


class MetricsExpositionTest(LiveChannelCase):
    CHANNEL_PREFIX = "metrics"

    @classmethod
    def _run_channel(cls):
        channel = ["--channel", cls.channel]
        created = channel + ["--create", "--keep", "--sync", "spsc", "--slots", str(SLOTS),
                             "--slot-size", str(SLOT_BYTES)]
        cls.producer = cls.start(Worker(["--role", "producer", *created, "--msg-size", "1KiB",
                                         "--count", str(MESSAGES)]))
        cls.producer.wait_ready()
        # --from latest discards what the producer committed before it came: counted in drops.
        cls.consumer = cls.start(Worker(["--role", "consumer", *channel, "--from", "latest"]))
        cls.run_to_end(cls.producer, cls.consumer)
        # A consumer that stays attached: a live process, in a record another one left.
        cls.idle = cls.start_idle_consumer()
        cls.server = cls.start(MetricsServer(cls.channel))
        cls.stat = cls.stat_json()
        cls.openmetrics_type, cls.openmetrics_text = scrape(cls.server.url, PROMETHEUS_ACCEPT)
        cls.classic_type, cls.classic_text = scrape(cls.server.url)
        cls.openmetrics = list(parse_openmetrics(cls.openmetrics_text))
        cls.classic = list(parse_classic(cls.classic_text))

    def family(self, name):
        found = [f for f in self.openmetrics if f.name == name]
        self.assertEqual(len(found), 1, name)
        return found[0]

    def value(self, sample_name, **labels):
        family = next(f for f in self.openmetrics
                      if sample_name.startswith(f.name) and
                      any(s.name == sample_name for s in f.samples))
        matching = [s.value for s in family.samples
                    if s.name == sample_name and
                    all(s.labels.get(k) == v for k, v in labels.items())]
        self.assertEqual(len(matching), 1, f"{sample_name} {labels}")
        return matching[0]

    def record_of(self, pid):
        """The record label of process `pid`, from shmscope_record_info, or None."""
        for sample in self.family("shmscope_record").samples:
            if sample.labels["pid"] == str(pid):
                return sample.labels["record"]
        return None

    def test_content_type_follows_accept(self):
        self.assertEqual(self.openmetrics_type, OPENMETRICS_TYPE)
        self.assertEqual(self.classic_type, CLASSIC_TYPE)
        for accept, expected in [
                ("application/openmetrics-text", OPENMETRICS_TYPE),
                ("text/plain", CLASSIC_TYPE),
                ("application/openmetrics-text;q=0,text/plain", CLASSIC_TYPE),
                ("*/*", CLASSIC_TYPE)]:
            with self.subTest(accept=accept):
                self.assertEqual(scrape(self.server.url, accept)[0], expected)
        content_type, body = scrape(self.server.url, PROMETHEUS_ACCEPT, method="HEAD")
        self.assertEqual((content_type, body), (OPENMETRICS_TYPE, ""))
        with self.assertRaises(urllib.error.HTTPError) as missing:
            scrape(self.server.url.replace("/metrics", "/other"))
        self.assertEqual(missing.exception.code, 404)

    def test_openmetrics_has_the_documented_families(self):
        self.assertTrue(self.openmetrics_text.endswith("\n# EOF\n"))
        self.assertEqual(self.openmetrics_text.count("# EOF"), 1)
        documented = documented_metrics()
        self.assertGreater(len(documented), 20)
        expected = {family_name(name, kind): (kind, unit)
                    for name, (kind, unit, _) in documented.items()}
        scraped = {f.name: (f.type, f.unit) for f in self.openmetrics}
        self.assertEqual(scraped, expected)
        for family in self.openmetrics:
            with self.subTest(family=family.name):
                self.assertTrue(family.documentation.strip(), "HELP is empty")
                self.assertTrue(family.samples, "no samples for a live channel")
                if family.unit:
                    self.assertTrue(family.name.endswith("_" + family.unit))
                self.assertNotRegex(family.name, r"_(ns|us|ms|nanoseconds|kib|mib)(_|$)")

    def test_classic_format_has_help_and_type_for_every_sample(self):
        self.assertNotIn("# EOF", self.classic_text)
        helped = set(re.findall(r"^# HELP (\S+) \S", self.classic_text, re.M))
        typed = dict(re.findall(r"^# TYPE (\S+) (\S+)$", self.classic_text, re.M))
        documented = documented_metrics()
        expected = {name: "gauge" if kind == "info" else kind
                    for name, (kind, _, _) in documented.items()}
        self.assertEqual(typed, expected)
        self.assertEqual(helped, set(expected))
        for line in self.classic_text.splitlines():
            if line.startswith("#"):
                continue
            name = re.match(r"[a-z_]+", line).group(0)
            base = re.sub(r"_(bucket|sum|count)$", "", name)
            self.assertTrue(name in typed or base in typed, line)

    def test_both_formats_carry_the_same_samples(self):
        openmetrics = samples_by_key(self.openmetrics)
        classic = samples_by_key(self.classic)
        self.assertEqual(set(openmetrics), set(classic))
        idle_record = self.record_of(self.idle.pid)
        for key, value in openmetrics.items():
            if ("record", idle_record) in key[1]:
                continue  # a live process: its waits may move between the two scrapes
            self.assertAlmostEqual(classic[key], value, msg=str(key))

    def test_labels_are_stable(self):
        documented = documented_metrics()
        labels_of = {family_name(name, kind): labels
                     for name, (kind, _, labels) in documented.items()}
        for family in self.openmetrics:
            for sample in family.samples:
                names = set(sample.labels) - ({"le"} if sample.name.endswith("_bucket") else set())
                self.assertEqual(names, labels_of[family.name], sample)
                if family.name != "shmscope_record":
                    self.assertNotIn("pid", sample.labels, sample)
                if "role" in sample.labels:
                    self.assertIn(sample.labels["role"], {"producer", "consumer", "none"})

    def test_counters_are_the_workers_summaries(self):
        departed = {field: 0 for field in SUMMARY_COUNTERS}
        for worker in (self.producer, self.consumer):
            summary = worker.summary
            self.assertIsNotNone(summary)
            record = self.record_of(worker.pid)
            role = summary["role"]
            for field, sample_name in SUMMARY_COUNTERS.items():
                if record is None:  # its record was reused: folded into the departed totals
                    departed[field] += summary[field]
                    continue
                with self.subTest(role=role, field=field):
                    self.assertEqual(self.value(sample_name, channel=self.channel, record=record,
                                                role=role), summary[field])
        self.assertIsNotNone(self.record_of(self.idle.pid))
        for field, sample_name in SUMMARY_COUNTERS.items():
            with self.subTest(departed=field):
                self.assertEqual(self.value(sample_name, channel=self.channel, record="departed",
                                            role="none"), departed[field])
        # Every message the producer committed reached the consumer or was skipped by it.
        self.assertEqual(self.producer.summary["messages"], MESSAGES)
        received = self.consumer.summary
        self.assertEqual(received["messages"] + received["drops"], MESSAGES)

    def test_every_counter_is_the_statistics_table(self):
        """Each documented counter against shmscope-stat --json, nanoseconds turned to seconds."""
        counters = documented_counters()
        self.assertEqual(len(counters), 21)
        records = [(str(r["record"]), r["role"], r["counters"]) for r in self.stat["records"]
                   if not r["alive"]]  # the idle consumer's waits go on between the two reads
        records.append(("departed", "none", self.stat["departed"]))
        self.assertGreaterEqual(len(records), 2)
        for sample_name, counter in counters.items():
            scale = 1e-9 if counter.endswith("_ns") else 1
            self.assertEqual(sample_name.endswith("_seconds_total"), scale != 1, sample_name)
            for record, role, values in records:
                with self.subTest(metric=sample_name, record=record):
                    self.assertAlmostEqual(
                        self.value(sample_name, channel=self.channel, record=record, role=role),
                        values[counter] * scale, delta=1e-12)
        waited = [r["counters"]["wait_ns"] for r in self.stat["records"] if not r["alive"]]
        self.assertTrue(any(waited), "no waits to convert: the check above proved nothing")

    def test_seconds_and_histograms(self):
        waits = self.family("shmscope_wait_seconds")
        histogram = self.family("shmscope_wait_duration_seconds")
        for sample in waits.samples:
            labels = sample.labels
            total = self.value("shmscope_wait_duration_seconds_sum", **labels)
            self.assertAlmostEqual(total, sample.value)
            count = self.value("shmscope_wait_duration_seconds_count", **labels)
            self.assertEqual(self.value("shmscope_wait_duration_seconds_bucket", le="+Inf",
                                        **labels), count)
        bounds = sorted({float(s.labels["le"]) for s in histogram.samples
                         if s.name.endswith("_bucket")})
        self.assertEqual(bounds[0], 128e-9)
        self.assertEqual(bounds[-1], float("inf"))
        record = self.record_of(self.consumer.pid)
        if record is not None:
            delivered = self.value("shmscope_delivery_latency_seconds_bucket", le="+Inf",
                                   record=record)
            self.assertGreater(delivered, 0)
            self.assertLessEqual(delivered, self.consumer.summary["messages"])

    def test_channel_gauges(self):
        self.assertEqual(self.value("shmscope_ring_slots", channel=self.channel), SLOTS)
        self.assertEqual(self.value("shmscope_slot_payload_bytes", channel=self.channel),
                         SLOT_BYTES)
        self.assertEqual(self.value("shmscope_live_processes", channel=self.channel), 1)
        self.assertEqual(self.value("shmscope_leaked_slots", channel=self.channel), 0)
        self.assertEqual(self.value("shmscope_ring_occupied_slots", channel=self.channel), 0)
        info = self.family("shmscope_channel").samples
        self.assertEqual(len(info), 1)
        self.assertEqual(info[0].labels, {"channel": self.channel, "sync": "spsc",
                                          "delivery": "queue", "backpressure": "block",
                                          "checksum": "xxh3"})
        alive = {s.labels["record"]: s.value for s in self.family("shmscope_record_alive").samples}
        self.assertEqual(alive.pop(self.record_of(self.idle.pid)), 1)
        self.assertTrue(alive and all(value == 0 for value in alive.values()), alive)

    def test_families_without_a_channel(self):
        server = MetricsServer(unique_channel("metrics-absent"))
        try:
            openmetrics = list(parse_openmetrics(scrape(server.url, PROMETHEUS_ACCEPT)[1]))
            classic = list(parse_classic(scrape(server.url)[1]))
        finally:
            self.assertEqual(server.stop(), 0)
        self.assertEqual([f.name for f in openmetrics], [f.name for f in self.openmetrics])
        self.assertEqual(len(classic), len(openmetrics))
        for family in openmetrics + classic:
            self.assertEqual(family.samples, [], family.name)
            self.assertTrue(family.documentation.strip(), family.name)

    def test_dashboard_queries_only_scraped_metrics(self):
        path = os.path.join(SOURCE_DIR, "docs", "grafana", "shmscope-dashboard.json")
        with open(path, encoding="utf-8") as source:
            dashboard = json.load(source)
        expressions = []

        def collect(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in ("expr", "query", "definition") and isinstance(value, str):
                        expressions.append(value)
                    collect(value)
            elif isinstance(node, list):
                for item in node:
                    collect(item)

        collect(dashboard)
        queried = {name for text in expressions for name in re.findall(r"shmscope_[a-z_]+", text)}
        scraped = {s.name for family in self.openmetrics for s in family.samples}
        self.assertGreater(len(queried), 10)
        self.assertEqual(queried - scraped, set())
        variables = [v["name"] for v in dashboard["templating"]["list"]]
        self.assertIn("channel", variables)
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                self.assertIn("$channel", target["expr"], panel["title"])


if __name__ == "__main__":
    unittest.main()
