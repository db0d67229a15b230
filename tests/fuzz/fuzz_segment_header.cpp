// Fuzzes detail::validateHeader (core/src/segment_file.cpp), the gate every attach passes before it
// uses an offset from a segment another process wrote.
//
// Input: one mode byte, the object size (8 bytes, little-endian), then up to 256 header bytes
// (zero-filled). Mode bits steer the input past the early checks so that the fuzzer reaches the
// geometry ones: 1 writes valid identity fields (magic, version, byte order, ABI tag), 2 makes
// segment_bytes match the object size, 4 fills the offsets and the object size from the
// parameters, as a creator would.
//
// Invariant: a header that validates describes a segment whose every region lies inside the
// object, in order and without overlap; anything else is a finding (trap).
#include "segment_file.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

using namespace shmscope;

constexpr std::uint8_t kFixIdentity = 1;
constexpr std::uint8_t kFixSize = 2;
constexpr std::uint8_t kFixOffsets = 4;

void require(bool condition) {
    if (!condition)
        __builtin_trap();
}

void fillOffsets(SegmentHeader& header, std::uint64_t& objectBytes) {
    const Result<detail::SegmentLayout> layout =
        detail::computeLayout(detail::paramsFromHeader(header));
    if (!layout)
        return;
    header.stats_offset = layout->statsOffset;
    header.ring_offset = layout->ringOffset;
    header.descriptors_offset = layout->descriptorsOffset;
    header.slots_offset = layout->slotsOffset;
    header.slot_stride = layout->slotStride;
    header.record_count = kMaxRecords;
    header.stats_record_bytes = sizeof(StatsRecord);
    header.ring_control_bytes = sizeof(RingControl);
    objectBytes = layout->totalBytes;
    header.segment_bytes = objectBytes;
}

// What an attacher relies on once validateHeader has said yes.
void checkValidGeometry(const SegmentHeader& h, std::uint64_t objectBytes) {
    require(h.header_bytes >= sizeof(SegmentHeader) && h.header_bytes <= objectBytes);
    require(h.slot_count >= 2 && (h.slot_count & (h.slot_count - 1)) == 0);
    require(h.slot_payload_bytes % 64 == 0 && h.slot_payload_bytes >= 64);
    require(h.slot_stride == kMessageHeaderBytes + h.slot_payload_bytes);
    const std::uint64_t statsEnd =
        h.stats_offset + std::uint64_t{kMaxRecords + 1} * sizeof(StatsRecord);
    require(h.stats_offset >= sizeof(SegmentHeader) && statsEnd <= h.ring_offset);
    require(h.ring_offset + sizeof(RingControl) <= h.descriptors_offset);
    require(h.descriptors_offset + std::uint64_t{h.slot_count} * sizeof(SlotDescriptor) <=
            h.slots_offset);
    std::uint64_t slotsBytes = 0;
    std::uint64_t slotsEnd = 0;
    require(!__builtin_mul_overflow(h.slot_stride, std::uint64_t{h.slot_count}, &slotsBytes));
    require(!__builtin_add_overflow(h.slots_offset, slotsBytes, &slotsEnd));
    require(slotsEnd <= objectBytes);
    require(h.ring_offset % 64 == 0 && h.slots_offset % 64 == 0 && h.descriptors_offset % 64 == 0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 + sizeof(std::uint64_t))
        return 0;
    const std::uint8_t mode = data[0];
    std::uint64_t objectBytes = 0;
    std::memcpy(&objectBytes, data + 1, sizeof objectBytes);
    data += 1 + sizeof objectBytes;
    size -= 1 + sizeof objectBytes;

    SegmentHeader header;
    std::memset(&header, 0, sizeof header);
    std::memcpy(&header, data, size < sizeof header ? size : sizeof header);
    if (mode & kFixIdentity) {
        std::memcpy(header.magic, kSegmentMagic, sizeof header.magic);
        header.version_major = kVersionMajor;
        header.endian_marker = kEndianMarker;
        header.abi_tag = detail::abiTag();
    }
    if (mode & kFixSize)
        header.segment_bytes = objectBytes;
    if (mode & kFixOffsets)
        fillOffsets(header, objectBytes);

    const Status status = detail::validateHeader(header, objectBytes);
    if (status) {
        checkValidGeometry(header, objectBytes);
        (void)detail::paramsFromHeader(header);
    } else {
        // One line, for the one-line error of the executables.
        require(!status.error().message.empty());
        require(status.error().message.find('\n') == std::string::npos);
    }
    return 0;
}
