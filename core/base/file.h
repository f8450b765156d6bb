// Reading and writing a whole file: the one copy the core, the CLI and the UI share. Errors are
// left to the caller to word (each names its file its own way).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace shopkeeper {

// The file's bytes, or nothing when it cannot be opened.
std::optional<std::string> read_file(const std::string& path);
// Writes `bytes` to `path` (replacing it); false when the file cannot be written.
bool write_file(const std::string& path, std::string_view bytes);

}  // namespace shopkeeper
