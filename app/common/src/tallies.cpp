#include "shmscope/cli/tallies.hpp"

#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace shmscope::cli {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::string hex64(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, value);
    return text;
}

} // namespace

std::uint64_t messageDigestTerm(std::uint32_t record, std::uint32_t incarnation,
                                std::uint64_t sequence) {
    const std::uint64_t sender = (std::uint64_t{record} << 32) | incarnation;
    return splitmix64(splitmix64(sender) ^ sequence);
}

void ProducerTally::add(std::uint64_t sequence) {
    first = count == 0 ? sequence : std::min(first, sequence);
    last = std::max(last, sequence);
    ++count;
    digest += messageDigestTerm(record, incarnation, sequence);
}

ProducerTally& ProducerTallies::find(std::uint32_t record, std::uint32_t incarnation) {
    const std::uint64_t key = (std::uint64_t{record} << 32) | incarnation;
    if (lastIndex_ < tallies_.size() && lastKey_ == key)
        return tallies_[lastIndex_];
    auto [it, inserted] = index_.try_emplace(key, tallies_.size());
    if (inserted)
        tallies_.push_back(ProducerTally{record, incarnation});
    lastKey_ = key;
    lastIndex_ = it->second;
    return tallies_[lastIndex_];
}

std::vector<ProducerTally> ProducerTallies::sorted() const {
    std::vector<ProducerTally> result = tallies_;
    std::sort(result.begin(), result.end(), [](const ProducerTally& a, const ProducerTally& b) {
        return a.record != b.record ? a.record < b.record : a.incarnation < b.incarnation;
    });
    return result;
}

std::string talliesJson(const std::vector<ProducerTally>& tallies) {
    JsonArray producers;
    for (const ProducerTally& tally : tallies) {
        producers.raw(JsonObject()
                          .u64("record", tally.record)
                          .u64("incarnation", tally.incarnation)
                          .u64("first", tally.first)
                          .u64("last", tally.last)
                          .u64("count", tally.count)
                          .str("digest", hex64(tally.digest))
                          .text());
    }
    return producers.text();
}

std::string talliesText(const std::vector<ProducerTally>& tallies) {
    std::string text;
    char line[256];
    for (const ProducerTally& tally : tallies) {
        std::snprintf(line, sizeof line,
                      "  producer record %u incarnation %u: sequences %" PRIu64 " … %" PRIu64
                      ", %" PRIu64 " messages, digest %s\n",
                      tally.record, tally.incarnation, tally.first, tally.last, tally.count,
                      hex64(tally.digest).c_str());
        text += line;
    }
    return text;
}

double perSecond(std::uint64_t amount, double seconds) {
    return seconds > 0.0 ? static_cast<double>(amount) / seconds : 0.0;
}

std::string throughputText(std::uint64_t messages, std::uint64_t bytes, double seconds) {
    char text[256];
    std::snprintf(text, sizeof text, "%" PRIu64 " messages, %s in %.3f s (%.0f msg/s, %s/s)",
                  messages, formatBytes(bytes).c_str(), seconds, perSecond(messages, seconds),
                  formatBytes(static_cast<std::uint64_t>(perSecond(bytes, seconds))).c_str());
    return text;
}

} // namespace shmscope::cli
