// Runs one measurement as real processes: the producer pinned to CPU 0 and the consumer to CPU 1
// (or the memcpy ceiling alone on CPU 0), while the parent blocks in waitpid. A child that fails
// or is killed takes its peer down with it; the first error becomes the row's reason.
#pragma once

#include "workload.hpp"

#include <functional>
#include <string>

namespace shmscope::bench {

inline constexpr int kProducerCpu = 0;
inline constexpr int kConsumerCpu = 1;

class Runner {
public:
    Runner();
    ~Runner();
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    using Body = std::function<int(RunReport&)>;

    // Empty string when both processes exited 0; else why not. `timeoutS` bounds each child
    // (SIGALRM) so that a wedged transport cannot hang the run.
    std::string runPair(const Body& producer, const Body& consumer, unsigned timeoutS);
    std::string runAlone(const Body& body, unsigned timeoutS);

    [[nodiscard]] RunReport& report() const { return *report_; }

    // SIGINT/SIGTERM: the running children are killed and interrupted() turns true.
    static void installSignalHandlers();
    static bool interrupted();

private:
    std::string run(const Body* producer, const Body* consumer, unsigned timeoutS);
    RunReport* report_;
};

} // namespace shmscope::bench
