// Turns a fuzzer input into a command line: arguments separated by NUL bytes, at most kMaxArgs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace shmscope::fuzz {

inline constexpr std::size_t kMaxArgs = 64;

class Arguments {
public:
    Arguments(const std::uint8_t* data, std::size_t size) {
        std::string current;
        for (std::size_t i = 0; i < size && words_.size() < kMaxArgs; ++i) {
            if (data[i] == 0) {
                words_.push_back(std::move(current));
                current.clear();
            } else {
                current.push_back(static_cast<char>(data[i]));
            }
        }
        if (!current.empty() && words_.size() < kMaxArgs)
            words_.push_back(std::move(current));
        for (const std::string& word : words_) {
            pointers_.push_back(word.c_str());
            hasNewline_ = hasNewline_ || word.find('\n') != std::string::npos;
        }
    }
    // The parsers quote what they were given: a newline in an argument may reach the message.
    [[nodiscard]] bool hasNewline() const { return hasNewline_; }
    [[nodiscard]] const std::vector<const char*>& argv() const { return pointers_; }

private:
    std::vector<std::string> words_;
    std::vector<const char*> pointers_;
    bool hasNewline_ = false;
};

// A usage error is one line naming a flag or a value: what the executables print before exit 2.
// (Arguments that themselves contain a newline are quoted as given.)
inline bool isOneLine(const std::string& message, const Arguments& arguments) {
    return !message.empty() && (arguments.hasNewline() || message.find('\n') == std::string::npos);
}

} // namespace shmscope::fuzz
