// Errors as values: no exception crosses the library boundary. Every fallible call of the
// library returns a Result<T> (a value or an Error) or a Status (Result<void>); check ok() (or
// the bool conversion) before value(): value() and operator* on an error throw
// std::bad_variant_access, a programming error, not a reported one. Plain values; any thread.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace shmscope {

enum class ErrorCode {
    Usage,        // bad flag, value or combination: the caller exits 2
    NotFound,     // channel absent (after the attach timeout)
    Exists,       // --create-only and the channel is already there
    Mismatch,     // requested parameter differs from the channel's
    Corrupt,      // header or ring failed validation
    NoSpace,      // /dev/shm (or the file system) cannot hold the segment
    Permission,   // mode or owner forbids the access
    TableFull,    // all 64 stats records are taken
    RoleTaken,    // the strategy allows no more producers/consumers
    DeadOwner,    // a lock is held by a dead process and cannot be recovered
    Stopped,      // SIGINT/SIGTERM arrived while waiting
    System,       // an unexpected system-call failure
};

struct Error {
    ErrorCode code = ErrorCode::System;
    std::string message;

    // The process exit status docs/CLI.md assigns to this error.
    [[nodiscard]] int exitStatus() const { return code == ErrorCode::Usage ? 2 : 1; }
};

// An Error with `code` and its one-line `message` (no trailing newline).
inline Error makeError(ErrorCode code, std::string message)
{
    return Error{code, std::move(message)};
}

// A minimal std::expected (C++23) for C++20: a value or an Error.
template <typename T> class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
    Result(Error error) : state_(std::move(error)) {}     // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

template <> class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design

    [[nodiscard]] bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    [[nodiscard]] const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

using Status = Result<void>;

} // namespace shmscope
