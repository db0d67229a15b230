// Per-producer tallies: what a consumer (or a bridge) saw of each producer incarnation, small
// enough to print at the end and exact enough to prove exactly-once delivery without logging
// every message (docs/CLI.md, the summary's "producers").
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace shmscope::cli {

// The digest term of one message: a 64-bit mix (splitmix64) of who sent it and its sequence.
// Digests are wrapping sums of these terms, so they are independent of delivery order and the
// digests of several consumers add up to the producer's.
std::uint64_t messageDigestTerm(std::uint32_t record, std::uint32_t incarnation,
                                std::uint64_t sequence);

// Messages seen from one producer incarnation.
struct ProducerTally {
    std::uint32_t record = 0;
    std::uint32_t incarnation = 0;
    std::uint64_t first = 0; // lowest sequence seen
    std::uint64_t last = 0;  // highest sequence seen
    std::uint64_t count = 0;
    std::uint64_t digest = 0;

    void add(std::uint64_t sequence);
};

// The tallies of every producer incarnation met, by (record, incarnation).
class ProducerTallies {
public:
    // The tally of (record, incarnation), created empty when first met.
    ProducerTally& find(std::uint32_t record, std::uint32_t incarnation);
    // Every tally, by record then incarnation.
    [[nodiscard]] std::vector<ProducerTally> sorted() const;

private:
    std::vector<ProducerTally> tallies_;
    std::unordered_map<std::uint64_t, std::size_t> index_;
    std::uint64_t lastKey_ = 0;
    std::size_t lastIndex_ = SIZE_MAX;
};

// The summary's "producers" array: [{"record","incarnation","first","last","count","digest"}].
std::string talliesJson(const std::vector<ProducerTally>& tallies);
// The text summary's lines, one per tally, each ending in a newline.
std::string talliesText(const std::vector<ProducerTally>& tallies);

// amount / seconds, 0 when no time passed.
double perSecond(std::uint64_t amount, double seconds);

// The text summary's figures: "N messages, 1.5 MiB in 2.000 s (R msg/s, 768 KiB/s)".
std::string throughputText(std::uint64_t messages, std::uint64_t bytes, double seconds);

} // namespace shmscope::cli
