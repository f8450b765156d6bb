// The core must stay free of UI and platform code: no ImGui, SDL, GL or emscripten includes,
// and no #ifdef __EMSCRIPTEN__ outside wasm/, native/ and ui/host/.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

namespace fs = std::filesystem;

namespace {
std::vector<std::string> offending(const fs::path& dir, const std::regex& re) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext != ".h" && ext != ".cpp" && ext != ".hpp") continue;
    std::ifstream f(e.path());
    std::string line;
    int n = 0;
    while (std::getline(f, line)) {
      ++n;
      if (std::regex_search(line, re)) out.push_back(e.path().string() + ":" + std::to_string(n) + ": " + line);
    }
  }
  return out;
}
}  // namespace

TEST_SUITE("layering") {
  TEST_CASE("core includes no ImGui, SDL, GL or emscripten headers") {
    std::regex re(R"(#\s*include\s*[<"](imgui|SDL|GL|GLES|emscripten))");
    auto hits = offending(fs::path(SK_SOURCE_DIR) / "core", re);
    for (auto& h : hits) MESSAGE(h);
    CHECK(hits.empty());
  }
  TEST_CASE("ui (outside ui/host) includes no SDL or emscripten headers") {
    std::regex re(R"(#\s*include\s*[<"](SDL|emscripten))");
    std::vector<std::string> hits;
    for (const char* d : {"ui/i18n", "ui/panels", "ui/widgets"}) {
      auto h = offending(fs::path(SK_SOURCE_DIR) / d, re);
      hits.insert(hits.end(), h.begin(), h.end());
    }
    for (auto& h : hits) MESSAGE(h);
    CHECK(hits.empty());
  }
  TEST_CASE("__EMSCRIPTEN__ appears only in wasm/, native/ and ui/host/") {
    std::regex re(R"(__EMSCRIPTEN__)");
    std::vector<std::string> hits;
    for (const char* d : {"core", "ui/i18n", "ui/panels", "ui/widgets"}) {
      auto h = offending(fs::path(SK_SOURCE_DIR) / d, re);
      hits.insert(hits.end(), h.begin(), h.end());
    }
    for (auto& h : hits) MESSAGE(h);
    CHECK(hits.empty());
  }
}
