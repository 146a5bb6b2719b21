// File: common/status.h
//
// Status and Result<T>: how iraed reports errors without exceptions on the
// data path (LevelDB status.h / absl::Status shape). A Status is OK or carries
// a code and a message for a person. Choose the most specific code:
//   kInvalidArgument    bad input from a sender or a config file; do not retry
//   kNotFound           a looked-up thing does not exist
//   kFailedPrecondition the system is not in a state to do this
//   kUnavailable        transient (disk, busy database, full queue): retry
//   kResourceExhausted  a size or count limit was exceeded
//   kDataLoss           stored data is corrupt
//   kInternal           a bug
#ifndef IRAED_COMMON_STATUS_H_
#define IRAED_COMMON_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace iraed {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kFailedPrecondition,
  kUnavailable,
  kResourceExhausted,
  kDataLoss,
  kInternal,
  // Who sent it may not do this (or could not be identified).
  kPermissionDenied,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) {
    return {StatusCode::kNotFound, std::move(m)};
  }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Unavailable(std::string m) {
    return {StatusCode::kUnavailable, std::move(m)};
  }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status DataLoss(std::string m) {
    return {StatusCode::kDataLoss, std::move(m)};
  }
  static Status Internal(std::string m) {
    return {StatusCode::kInternal, std::move(m)};
  }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "INVALID_ARGUMENT: message", or "OK".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds a T or a non-OK Status (a minimal absl::StatusOr).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::Internal("Result built from OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace iraed

#define IRAED_CONCAT_INNER_(a, b) a##b
#define IRAED_CONCAT_(a, b) IRAED_CONCAT_INNER_(a, b)

// Returns the Status of `expr` from the enclosing function when it is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::iraed::Status iraed_status_ = (expr);        \
    if (!iraed_status_.ok()) return iraed_status_; \
  } while (0)

// `lhs = value of rexpr`, or returns its Status. Expands to several
// statements: do not use as the body of an unbraced if.
#define ASSIGN_OR_RETURN(lhs, rexpr)                        \
  auto IRAED_CONCAT_(iraed_result_, __LINE__) = (rexpr);    \
  if (!IRAED_CONCAT_(iraed_result_, __LINE__).ok())         \
    return IRAED_CONCAT_(iraed_result_, __LINE__).status(); \
  lhs = std::move(IRAED_CONCAT_(iraed_result_, __LINE__)).value()

#endif  // IRAED_COMMON_STATUS_H_
