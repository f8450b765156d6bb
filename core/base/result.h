// Result<T>: errors as values. The core never throws; every fallible call returns a Result
// carrying either a value or an Error {code, human-readable message}.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace shopkeeper {

enum class ErrorCode {
  invalid_argument,
  parse_error,
  not_found,
  io_error,
  db_error,
  schema_mismatch,
  conflict,
  readonly,
  cancelled,
};

struct Error {
  ErrorCode code = ErrorCode::invalid_argument;
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error e) : v_(std::move(e)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

inline Error make_error(ErrorCode code, std::string message) { return Error{code, std::move(message)}; }

}  // namespace shopkeeper
