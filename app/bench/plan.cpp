#include "plan.hpp"

#include "shmscope/params.hpp"

#include <array>

namespace shmscope::bench {
namespace {

constexpr std::array<std::uint32_t, 5> kSweepSlotCounts = {2, 4, 8, 16, 64};
constexpr std::array<std::uint64_t, 3> kSweepSlotBytes = {64 * KiB, 256 * KiB, 1 * MiB};
constexpr std::array<std::uint64_t, 4> kSlotSweepSizes = {4 * KiB, 64 * KiB, 1 * MiB, 16 * MiB};
constexpr std::array<std::uint64_t, 2> kWaitSweepSizes = {64, 4 * KiB};
constexpr std::array<std::string_view, 2> kWaitSweepTransports = {"shm-spsc", "shm-mutex"};
constexpr std::array<std::string_view, 4> kWaitKinds = {"spin", "yield", "sleep", "adaptive"};
constexpr std::array<std::string_view, 4> kCodecs = {"none", "lz4", "zstd", "auto"};
constexpr std::array<std::uint64_t, 2> kCodecSweepSizes = {64 * KiB, 1 * MiB};

std::vector<PlannedRow> cross(const std::vector<TransportSpec>& specs,
                              const std::vector<std::uint64_t>& sizes) {
    std::vector<PlannedRow> rows;
    for (const TransportSpec& spec : specs)
        for (std::uint64_t size : sizes)
            rows.push_back({spec, size});
    return rows;
}

std::vector<TransportSpec> slotVariants() {
    std::vector<TransportSpec> specs;
    for (std::uint32_t slots : kSweepSlotCounts) {
        TransportSpec spec = *parseTransportSpec("shm-spsc");
        spec.slots = slots;
        spec.id = "shm-spsc slots=" + std::to_string(slots);
        specs.push_back(spec);
    }
    for (std::uint64_t bytes : kSweepSlotBytes) {
        TransportSpec spec = *parseTransportSpec("shm-spsc");
        spec.slotBytes = bytes;
        spec.id = "shm-spsc slot=" + formatBytes(bytes);
        specs.push_back(spec);
    }
    return specs;
}

std::vector<TransportSpec> waitVariants() {
    std::vector<TransportSpec> specs;
    for (std::string_view base : kWaitSweepTransports)
        for (std::string_view wait : kWaitKinds)
            specs.push_back(*parseTransportSpec(std::string(base) + "@" + std::string(wait)));
    return specs;
}

} // namespace

std::vector<PlannedRow> planRows(BenchOptions& options) {
    const auto sizesOr = [&options](auto defaults) {
        return options.sizesGiven ? options.sizes
                                  : std::vector<std::uint64_t>(defaults.begin(), defaults.end());
    };
    switch (options.sweep) {
    case SweepKind::None: {
        std::vector<PlannedRow> rows = cross(options.transports, options.sizes);
        // The default list leaves out limit-line where it cannot run (one line holds 64 B).
        if (!options.transportsGiven)
            std::erase_if(rows, [](const PlannedRow& row) {
                return row.spec.base == "limit-line" && row.msgSize > 64;
            });
        return rows;
    }
    case SweepKind::Slots:
        return cross(slotVariants(), sizesOr(kSlotSweepSizes));
    case SweepKind::Wait:
        return cross(waitVariants(), sizesOr(kWaitSweepSizes));
    case SweepKind::Codec: {
        // Codec against payload kind: the chunker compresses each chunk (docs/CLI.md --compress).
        std::vector<PlannedRow> rows;
        for (std::string_view codec : kCodecs) {
            TransportSpec spec = *parseTransportSpec("shm-spsc");
            spec.id = "shm-spsc codec=" + std::string(codec) +
                      " payload=" + std::string(payloadName(options.payload));
            spec.codec = std::string(codec);
            for (std::uint64_t size : sizesOr(kCodecSweepSizes))
                rows.push_back({spec, size});
        }
        return rows;
    }
    }
    return {};
}

} // namespace shmscope::bench
