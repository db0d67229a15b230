// A transport under test: a one-way link prepared by the parent before fork, whose two ends are
// opened in the producer and consumer processes. Every family (shm rings, file, sockets, Boost
// message_queue, ZeroMQ, iceoryx) implements the same three classes, so the workload loops in
// workload.cpp move the same bytes through each of them.
#pragma once

#include "options.hpp"
#include "shmscope/result.hpp"
#include "shmscope/wait.hpp"

#include <sys/types.h>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace shmscope::bench {

// Everything a link needs to know about its row.
struct LinkConfig {
    std::uint64_t messageBytes = 0;
    std::uint32_t slots = 8;     // ring slots, queue depth or socket high-water mark
    std::uint64_t slotBytes = 0; // ring slot payload bytes (messages larger are chunked)
    WaitPolicy wait;
    bool waitGiven = false; // @WAIT was in the id
    bool xxh3 = false;
    std::string compress = "none"; // shm and file rows: the core chunker's codec
    std::string name;              // unique per link: channel, queue, socket path, service
};

// One piece of a received message. Chunked transports deliver a message as several pieces;
// `last` marks its final piece. An end-of-stream marker comes back as `end`.
struct Piece {
    std::span<const std::byte> bytes;
    std::uint64_t checksum = 0; // +xxh3 rows: the checksum the producer sent for `bytes`
    bool last = true;
    bool end = false;
    bool verified = false; // the transport already checked the checksum (compressed)
};

// Producer side (producer process only).
class Sender {
public:
    virtual ~Sender() = default;
    // Blocks until `payload` is on its way. The payload's bytes are read exactly once.
    virtual Status send(std::span<const std::byte> payload) = 0;
    // Tells the receiver the stream is over (an empty message on every transport).
    virtual Status finish() = 0;
};

// Consumer side (consumer process only).
class Receiver {
public:
    virtual ~Receiver() = default;
    // Blocks for the next piece; its bytes stay valid until release().
    virtual Result<Piece> receive() = 0;
    virtual Status release() { return {}; }
};

class Link {
public:
    virtual ~Link() = default;
    // Called once in the producer process after fork.
    virtual Result<std::unique_ptr<Sender>> openSender() = 0;
    // Called once in the consumer process after fork.
    virtual Result<std::unique_ptr<Receiver>> openReceiver() = 0;
    // Called in the parent after both processes ended (also after they were killed): removes
    // what the link created (shm objects, files, socket paths).
    virtual void cleanup() {}
};

// The families. Each returns an error whose message is the row's "skipped" reason when the
// transport cannot run here (not installed, not supported by this build).
Result<std::unique_ptr<Link>> makeShmLink(const TransportSpec& spec, const LinkConfig& config);
Result<std::unique_ptr<Link>> makeFileLink(const TransportSpec& spec, const LinkConfig& config);
Result<std::unique_ptr<Link>> makeSocketLink(const TransportSpec& spec, const LinkConfig& config);
Result<std::unique_ptr<Link>> makeBoostQueueLink(const TransportSpec& spec,
                                                 const LinkConfig& config);
Result<std::unique_ptr<Link>> makeZmqLink(const TransportSpec& spec, const LinkConfig& config);
Result<std::unique_ptr<Link>> makeIceoryxLink(const TransportSpec& spec, const LinkConfig& config);
// limit-ring and limit-line (transport_limit.cpp): what the machine can do, for the "× limit" column.
Result<std::unique_ptr<Link>> makeLimitLink(const TransportSpec& spec, const LinkConfig& config);

// Dispatches on spec.base.
Result<std::unique_ptr<Link>> makeLink(const TransportSpec& spec, const LinkConfig& config);

// iceoryx needs its RouDi daemon for the whole run: started on first use, stopped at exit.
void stopIceoryxDaemon();

// A name no other bench process uses: "shmscope-bench-<pid>-<n>".
std::string uniqueLinkName();
// "shmscope-bench-<pid>-": what every name of that bench's objects contains (janitor.hpp).
std::string linkNamePrefix(pid_t bench);

} // namespace shmscope::bench
