// A temporary file that removes itself: for the libraries that read or write paths only (freexl,
// libxlsxwriter). $TMPDIR or /tmp, natively and in the browser's in-memory file system.
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/base/file.h"

namespace shopkeeper {

class TempFile {
 public:
  // An empty file, or with `bytes`; path() is "" when it could not be made.
  explicit TempFile(std::string_view bytes = {}, const char* suffix = "") {
    const char* dir = std::getenv("TMPDIR");
    std::string suf(suffix);
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/shopkeeper-XXXXXX" + suf;
    int fd = mkstemps(tmpl.data(), static_cast<int>(suf.size()));
    if (fd < 0) return;
    close(fd);
    if (bytes.empty() || write_file(tmpl, bytes)) path_ = tmpl;
    else std::remove(tmpl.c_str());
  }
  ~TempFile() {
    if (!path_.empty()) std::remove(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace shopkeeper
