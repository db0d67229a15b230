#!/usr/bin/python3
"""Reads a live shmscope channel's header and counters, as docs/PROTOCOL.md describes them.

    read_channel.py NAME [--json]

A monitor in the standard library alone (mmap, struct, fcntl): it opens /dev/shm/shmscope.NAME
and its control object read-only, validates the header as the protocol requires, and prints the
header, the ring's positions and every statistics record's counters, with the departed totals.
It writes nothing and takes no lock, so the processes using the channel never notice it.
Python has no atomic loads: on x86-64, which the layout is defined for, an aligned 8-byte read
is a single load with acquire semantics, which is what a monitor needs.

Exit status: 0 printed; 1 the channel is absent, still initialising or fails validation (one
line on stderr); 2 bad usage.
"""

import fcntl
import json
import mmap
import os
import re
import struct
import sys

SHM_DIR = "/dev/shm"
VERSION_MAJOR = 2
PAGE = 4096
HUGE_PAGE = 2 * 1024 * 1024
HEADER_BYTES = 256
RECORDS = 64                      # per-process records; the departed record follows them
RECORD_BYTES = 1344
RING_CONTROL_BYTES = 1280
DESCRIPTOR_BYTES = 64
CURSOR_BYTES = 64
MESSAGE_HEADER_BYTES = 64
CONTROL_BYTES = 8192
FLAG_HUGEPAGES = 2
BOOST_1_74 = 107400
CHANNEL_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")

# The header (docs/PROTOCOL.md, Header): little-endian, offsets 0 … 175.
HEADER = struct.Struct("<8sHHIQII QQI12x IIIIIIII QQQQQQQQQQ")
HEADER_FIELDS = ("magic", "version_major", "version_minor", "header_bytes", "segment_bytes",
                 "endian_marker", "abi_tag", "boot_id_hash", "created_ns", "creator_pid",
                 "sync", "delivery", "backpressure", "checksum", "transport", "flags",
                 "slot_count", "record_count", "slot_payload_bytes", "slot_stride",
                 "stats_offset", "stats_record_bytes", "ring_offset", "ring_control_bytes",
                 "descriptors_offset", "slots_offset", "mode", "cursors_offset")
CONTROL = struct.Struct("<8sHHIQ")  # magic, version_major, version_minor, entries, data_created_ns
# A statistics record's identity (offsets 0 … 63), then 31 counters at 64 and `program` at 312.
RECORD = struct.Struct("<IIIIIIIIQQQQ")
RECORD_FIELDS = ("state", "incarnation", "pid", "role", "activity", "closed",
                 "applied_generation", "message_bytes", "started_ns", "heartbeat_ns",
                 "last_sequence", "rate_hz")
COUNTERS = ("messages", "bytes", "lock_acquires", "lock_contended", "cas_retries", "wait_ns",
            "hold_ns", "drops", "overrun", "gaps", "reordered", "corrupt", "lost_to_crash",
            "incomplete", "chunks", "reassembled", "bytes_uncompressed", "bytes_compressed",
            "codec_ns", "lock_recoveries", "blocked", "permits_held")
COUNTERS_OFFSET = 64
PROGRAM_OFFSET = 312

SYNC = {1: "spsc", 2: "mpmc", 3: "mutex", 4: "semaphore", 5: "boost-mutex", 6: "none"}
DELIVERY = {1: "queue", 2: "broadcast"}
BACKPRESSURE = {1: "block", 2: "drop-newest", 3: "drop-oldest"}
CHECKSUM = {0: "none", 1: "xxh3"}
TRANSPORT = {1: "shm", 2: "file"}
ROLES = {0: "none", 1: "producer", 2: "consumer"}
PROGRAMS = {0: "application", 1: "bridge"}  # layout 1.4; older writers leave 0
STATES = {0: "free", 1: "claiming", 2: "active", 3: "exited", 4: "dead"}


class ChannelError(Exception):
    pass


# shmscope's FNV-1a 64 (docs/PROTOCOL.md, ABI tag): the usual prime, its own offset basis.
FNV_OFFSET_BASIS = 0x14650FB0739D0383
FNV_PRIME = 0x100000001B3


def fnv1a64(data):
    value = FNV_OFFSET_BASIS
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return value


def abi_tag(boost_version):
    """The header's abi_tag for an x86-64 glibc build with this BOOST_VERSION. Processes that
    share the ring's locks must agree on it; this reader touches no lock, so it only reports it."""
    facts = b"x86_64".ljust(8, b"\0") + struct.pack("<5I", 8, 40, 32, boost_version, 64)
    value = fnv1a64(facts)
    return (value ^ (value >> 32)) & 0xFFFFFFFF


def this_boot_hash():
    """boot_id_hash of a channel created since this machine booted."""
    with open("/proc/sys/kernel/random/boot_id", "rb") as boot_id:
        return fnv1a64(boot_id.readline().rstrip(b"\n"))


def align_up(value, alignment):
    return (value + alignment - 1) // alignment * alignment


def allowed(sync, delivery, backpressure):
    """docs/PROTOCOL.md, Rings and what combines with what."""
    if delivery == "broadcast":
        return sync == "spsc" and backpressure in ("block", "drop-oldest")
    if sync in ("spsc", "mpmc"):
        return backpressure in ("block", "drop-newest")
    if sync == "mutex":
        return True
    return backpressure == "block"


def validate(header, object_bytes):
    """Raises ChannelError naming the first thing docs/PROTOCOL.md's validation refuses."""
    if header["magic"] == bytes(8):
        raise ChannelError("still initialising (magic is zero)")
    if header["magic"] != b"SHMSCOPE":
        raise ChannelError("not a shmscope channel (bad magic)")
    if header["version_major"] != VERSION_MAJOR:
        raise ChannelError(f"layout v{header['version_major']}.{header['version_minor']}; "
                           f"this reader reads v{VERSION_MAJOR}.x")
    if header["endian_marker"] != 0x01020304:
        raise ChannelError("byte order differs from this machine")
    if not HEADER_BYTES <= header["header_bytes"] <= object_bytes:
        raise ChannelError(f"header size {header['header_bytes']} out of range")
    if header["segment_bytes"] != object_bytes:
        raise ChannelError(f"header says {header['segment_bytes']} bytes, object has "
                           f"{object_bytes}")
    names = {}
    for field, table in (("sync", SYNC), ("delivery", DELIVERY), ("backpressure", BACKPRESSURE),
                         ("checksum", CHECKSUM), ("transport", TRANSPORT)):
        if header[field] not in table:
            raise ChannelError(f"unknown {field} value {header[field]}")
        names[field] = table[header[field]]
    slots, payload = header["slot_count"], header["slot_payload_bytes"]
    if not (2 <= slots <= 1 << 20 and slots & (slots - 1) == 0):
        raise ChannelError(f"slot_count {slots} out of range")
    if not (64 <= payload <= 1 << 30 and payload % 64 == 0):
        raise ChannelError(f"slot_payload_bytes {payload} out of range")
    if not allowed(names["sync"], names["delivery"], names["backpressure"]):
        raise ChannelError("parameter combination not allowed")
    if (header["record_count"], header["stats_record_bytes"],
            header["ring_control_bytes"]) != (RECORDS, RECORD_BYTES, RING_CONTROL_BYTES):
        raise ChannelError("stats table or ring control of an unknown size")
    # docs/PROTOCOL.md, Segment layout: every offset follows from the parameters.
    stats = HEADER_BYTES
    ring = align_up(stats + (RECORDS + 1) * RECORD_BYTES, PAGE)
    descriptors = ring + RING_CONTROL_BYTES
    cursors = descriptors + slots * DESCRIPTOR_BYTES
    slot_alignment = HUGE_PAGE if header["flags"] & FLAG_HUGEPAGES else PAGE
    slots_offset = align_up(cursors + RECORDS * CURSOR_BYTES, slot_alignment)
    stride = MESSAGE_HEADER_BYTES + payload
    expected = {"stats_offset": stats, "ring_offset": ring, "descriptors_offset": descriptors,
                "cursors_offset": cursors, "slots_offset": slots_offset, "slot_stride": stride,
                "segment_bytes": align_up(slots_offset + slots * stride, PAGE)}
    for field, value in expected.items():
        if header[field] != value:
            raise ChannelError(f"{field} is {header[field]}, the parameters give {value}")
    return names


def validate_control(path, created_ns):
    """The control object must exist and pair with the data object (docs/PROTOCOL.md)."""
    try:
        with open(path, "rb") as control:
            size = os.fstat(control.fileno()).st_size
            head = control.read(CONTROL.size)
    except FileNotFoundError:
        raise ChannelError("control object absent: still initialising") from None
    if size < CONTROL_BYTES or len(head) < CONTROL.size:
        raise ChannelError("control object truncated")
    magic, major, _minor, entries, data_created_ns = CONTROL.unpack(head)
    if magic != b"SHMSCCTL":
        raise ChannelError("control object has a bad magic")
    if major != VERSION_MAJOR or entries != RECORDS:
        raise ChannelError("control object of another layout")
    if data_created_ns != created_ns:
        raise ChannelError("control object belongs to another channel")


def record_alive(fd, index):
    """Is the OFD write lock on byte `index` held? F_OFD_GETLK reports a conflicting lock."""
    query = struct.pack("hhxxxxqqixxxx", fcntl.F_WRLCK, os.SEEK_SET, index, 1, 0)
    answer = fcntl.fcntl(fd, fcntl.F_OFD_GETLK, query)
    return struct.unpack("hhxxxxqqixxxx", answer)[0] != fcntl.F_UNLCK


def read_record(segment, offset):
    record = dict(zip(RECORD_FIELDS, RECORD.unpack_from(segment, offset)))
    counters = struct.unpack_from(f"<{len(COUNTERS)}Q", segment, offset + COUNTERS_OFFSET)
    record["state"] = STATES.get(record["state"], "free")
    record["role"] = ROLES.get(record["role"], "none")
    program = struct.unpack_from("<I", segment, offset + PROGRAM_OFFSET)[0]
    record["program"] = PROGRAMS.get(program, "application")
    record["counters"] = dict(zip(COUNTERS, counters))
    return record


def read_channel(name):
    path = os.path.join(SHM_DIR, "shmscope." + name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ChannelError(f"{path} does not exist") from None
    except OSError as error:
        raise ChannelError(f"cannot open {path}: {error.strerror}") from None
    try:
        size = os.fstat(fd).st_size
        if size < HEADER_BYTES:
            raise ChannelError(f"{path} has {size} bytes: still initialising")
        with mmap.mmap(fd, size, mmap.MAP_SHARED, mmap.PROT_READ) as segment:
            header = dict(zip(HEADER_FIELDS, HEADER.unpack_from(segment, 0)))
            names = validate(header, size)
            validate_control(path + ".ctl", header["created_ns"])
            ring = header["ring_offset"]
            head, tail, high_water = (struct.unpack_from("<Q", segment, ring + at)[0]
                                      for at in (0, 128, 1152))
            records = []
            for index in range(RECORDS):
                record = read_record(segment, header["stats_offset"] + index * RECORD_BYTES)
                if record["state"] == "free":
                    continue
                record["record"] = index
                record["alive"] = record_alive(fd, index)
                records.append(record)
            departed = read_record(segment, header["stats_offset"] + RECORDS * RECORD_BYTES)
    finally:
        os.close(fd)
    header["magic"] = header["magic"].decode("ascii")
    header["abi_boost_1_74"] = header["abi_tag"] == abi_tag(BOOST_1_74)
    header["this_boot"] = header["boot_id_hash"] == this_boot_hash()
    header.update(names)
    return {"channel": name, "header": header,
            "ring": {"head": head, "tail": tail, "high_water_slots": high_water},
            "records": records, "departed": departed["counters"]}


def print_text(channel):
    header = channel["header"]
    print(f"channel {channel['channel']}: layout v{header['version_major']}."
          f"{header['version_minor']}, {header['segment_bytes']} bytes, created by pid "
          f"{header['creator_pid']}")
    print(f"  {header['sync']}, {header['delivery']}, {header['backpressure']}, checksum "
          f"{header['checksum']}, {header['slot_count']} slots of {header['slot_payload_bytes']} B")
    built = "Boost 1.74" if header["abi_boost_1_74"] else "another Boost version"
    boot = "this boot" if header["this_boot"] else "another boot"
    print(f"  ABI tag {header['abi_tag']:#010x} ({built}), created in {boot}")
    ring = channel["ring"]
    print(f"  head {ring['head']}  tail {ring['tail']}  high water {ring['high_water_slots']}")
    for record in channel["records"]:
        counters = " ".join(f"{k}={v}" for k, v in record["counters"].items() if v)
        role = record["role"]
        if record["program"] == "bridge":
            role = {"consumer": "bridge (send)", "producer": "bridge (receive)"}.get(role, "bridge")
        print(f"  record {record['record']}: pid {record['pid']} {role} "
              f"{record['state']}{' alive' if record['alive'] else ''}: {counters or '-'}")
    departed = " ".join(f"{k}={v}" for k, v in channel["departed"].items() if v)
    print(f"  departed: {departed or '-'}")


def main(arguments):
    if len(arguments) not in (1, 2) or (len(arguments) == 2 and "--json" not in arguments):
        print("usage: read_channel.py NAME [--json]", file=sys.stderr)
        return 2
    name = next(argument for argument in arguments if argument != "--json")
    if not CHANNEL_NAME.fullmatch(name) or ".." in name or name.endswith(".ctl"):
        print(f"read_channel.py: not a channel name: {name}", file=sys.stderr)
        return 2
    try:
        channel = read_channel(name)
    except ChannelError as error:
        print(f"read_channel.py: {name}: {error}", file=sys.stderr)
        return 1
    if "--json" in arguments:
        print(json.dumps(channel))
    else:
        print_text(channel)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
