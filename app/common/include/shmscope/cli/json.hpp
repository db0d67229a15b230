// A tiny JSON writer for the one-object-per-line output of the command-line tools (docs/CLI.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace shmscope::cli {

// Appends `text` as a JSON string literal (quotes included), escaping what RFC 8259 requires.
void appendJsonString(std::string& out, std::string_view text);

// Appends a JSON number; NaN and infinities become null (JSON has no such numbers).
void appendJsonNumber(std::string& out, double value);

// Builds one JSON object: `JsonObject().str("event", "ready").u64("pid", 42).text()`.
class JsonObject {
public:
    JsonObject& str(std::string_view key, std::string_view value);
    JsonObject& u64(std::string_view key, std::uint64_t value);
    JsonObject& i64(std::string_view key, std::int64_t value);
    JsonObject& f64(std::string_view key, double value);
    JsonObject& boolean(std::string_view key, bool value);
    JsonObject& null(std::string_view key);
    // `json` must already be valid JSON (a nested object or array).
    JsonObject& raw(std::string_view key, std::string_view json);

    // The finished object, "{...}".
    [[nodiscard]] std::string text() const { return body_ + "}"; }

private:
    void beginMember(std::string_view name);
    std::string body_ = "{";
};

// {"event":"ready","pid","role","channel","record"}: the start of a tool's ready line, to which
// a tool may add members before text().
JsonObject readyEvent(std::uint32_t pid, std::string_view role, std::string_view channel,
                      std::uint32_t record);

// Writes `line` and a newline to stdout and flushes: JSON lines reach a reader one by one.
void writeLine(std::string_view line);
// Writes `text` to stdout as it is and flushes.
void writeText(std::string_view text);

// Builds one JSON array of already-encoded elements.
class JsonArray {
public:
    JsonArray& raw(std::string_view json);
    JsonArray& str(std::string_view value);
    [[nodiscard]] std::string text() const { return body_ + "]"; }

private:
    void separate();
    std::string body_ = "[";
};

} // namespace shmscope::cli
