#include "shmscope/cli/json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace shmscope::cli {

void appendJsonString(std::string& out, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            if (byte < 0x20 || byte == 0x7f) {
                out += "\\u00";
                out += kHex[byte >> 4];
                out += kHex[byte & 0xF];
            } else {
                out += c; // UTF-8 passes through unchanged
            }
        }
    }
    out += '"';
}

void appendJsonNumber(std::string& out, double value) {
    if (!std::isfinite(value)) {
        out += "null";
        return;
    }
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (ec != std::errc()) {
        out += "null";
        return;
    }
    out.append(buffer, end);
}

void JsonObject::beginMember(std::string_view name) {
    if (body_.size() > 1)
        body_ += ',';
    appendJsonString(body_, name);
    body_ += ':';
}

JsonObject& JsonObject::str(std::string_view name, std::string_view value) {
    beginMember(name);
    appendJsonString(body_, value);
    return *this;
}

JsonObject& JsonObject::u64(std::string_view name, std::uint64_t value) {
    beginMember(name);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::i64(std::string_view name, std::int64_t value) {
    beginMember(name);
    body_ += std::to_string(value);
    return *this;
}

JsonObject& JsonObject::f64(std::string_view name, double value) {
    beginMember(name);
    appendJsonNumber(body_, value);
    return *this;
}

JsonObject& JsonObject::boolean(std::string_view name, bool value) {
    beginMember(name);
    body_ += value ? "true" : "false";
    return *this;
}

JsonObject& JsonObject::null(std::string_view name) {
    beginMember(name);
    body_ += "null";
    return *this;
}

JsonObject& JsonObject::raw(std::string_view name, std::string_view json) {
    beginMember(name);
    body_ += json;
    return *this;
}

void JsonArray::separate() {
    if (body_.size() > 1)
        body_ += ',';
}

JsonArray& JsonArray::raw(std::string_view json) {
    separate();
    body_ += json;
    return *this;
}

JsonArray& JsonArray::str(std::string_view value) {
    separate();
    appendJsonString(body_, value);
    return *this;
}

JsonObject readyEvent(std::uint32_t pid, std::string_view role, std::string_view channel,
                      std::uint32_t record) {
    JsonObject ready;
    ready.str("event", "ready")
        .u64("pid", pid)
        .str("role", role)
        .str("channel", channel)
        .u64("record", record);
    return ready;
}

void writeLine(std::string_view line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void writeText(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

} // namespace shmscope::cli
