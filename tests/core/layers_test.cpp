// The layers (docs/DESIGN.md, "Layers"): the include graph between core modules (core/<module>/)
// has no cycle, core never includes ui/ (ImGui, SDL, GL and emscripten: layering_test.cpp), and
// ui/ reads the store only through the Workspace (no SQL, no Store& or Db&). Read from the
// sources themselves (SK_SOURCE_DIR; the wasm build reads them through NODERAWFS).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Graph = std::map<std::string, std::set<std::string>>;

// module -> modules it includes ("core/<m>/..."), and every include line naming a banned header.
struct Scan {
  Graph graph;
  std::vector<std::string> banned;
};

Scan scan_core(const fs::path& core) {
  Scan out;
  for (const auto& e : fs::recursive_directory_iterator(core)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension();
    if (ext != ".h" && ext != ".cpp") continue;
    std::string module = fs::relative(e.path(), core).begin()->string();
    out.graph[module];
    std::ifstream f(e.path());
    std::string line;
    while (std::getline(f, line)) {
      if (line.rfind("#include", 0) != 0) continue;
      auto q = line.find('"');
      auto a = line.find('<');
      std::string inc;
      if (q != std::string::npos) inc = line.substr(q + 1, line.find('"', q + 1) - q - 1);
      else if (a != std::string::npos) inc = line.substr(a + 1, line.find('>', a + 1) - a - 1);
      if (inc.rfind("ui/", 0) == 0)
        out.banned.push_back(fs::relative(e.path(), core).string() + ": " + line);
      if (inc.rfind("core/", 0) != 0) continue;
      std::string to = inc.substr(5, inc.find('/', 5) - 5);
      if (to != module) out.graph[module].insert(to);
    }
  }
  return out;
}

// One cycle as "a -> b -> a", or "" when the graph has none (depth-first search, three colours).
std::string find_cycle(const Graph& g) {
  std::map<std::string, int> colour;  // 0 new, 1 on the path, 2 done
  std::vector<std::string> path;
  std::string found;
  std::function<bool(const std::string&)> visit = [&](const std::string& m) {
    colour[m] = 1;
    path.push_back(m);
    auto it = g.find(m);
    if (it != g.end()) {
      for (const auto& n : it->second) {
        if (colour[n] == 1) {
          for (auto p = std::find(path.begin(), path.end(), n); p != path.end(); ++p) found += *p + " -> ";
          found += n;
          return true;
        }
        if (colour[n] == 0 && visit(n)) return true;
      }
    }
    path.pop_back();
    colour[m] = 2;
    return false;
  };
  for (const auto& [m, deps] : g)
    if (colour[m] == 0 && visit(m)) return found;
  return "";
}

// Every line of the ui/ sources (but the files named in `skip`) that `re` finds, as
// "path:line: text".
std::vector<std::string> ui_lines_matching(const std::regex& re, const std::set<std::string>& skip = {}) {
  std::vector<std::string> hits;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(SK_SOURCE_DIR) / "ui")) {
    if (!e.is_regular_file() || skip.count(e.path().filename().string())) continue;
    std::ifstream f(e.path());
    std::string line;
    int n = 0;
    while (std::getline(f, line)) {
      ++n;
      if (std::regex_search(line, re)) hits.push_back(e.path().string() + ":" + std::to_string(n) + ": " + line);
    }
  }
  return hits;
}

}  // namespace

TEST_SUITE("layers") {
  TEST_CASE("the cycle finder finds a cycle and passes a layered graph") {
    Graph layered{{"base", {}}, {"store", {"base"}}, {"workspace", {"store", "demo"}}, {"demo", {"store"}}};
    CHECK(find_cycle(layered).empty());
    Graph cyclic = layered;
    cyclic["store"].insert("demo");  // the old store -> demo -> store cycle
    CHECK(find_cycle(cyclic) == "demo -> store -> demo");  // found from the first module in order
  }
  TEST_CASE("core modules include each other without a cycle, and never ui/") {
    Scan s = scan_core(fs::path(SK_SOURCE_DIR) / "core");
    REQUIRE(s.graph.count("base"));
    REQUIRE(s.graph.count("store"));
    std::string cycle = find_cycle(s.graph);
    CHECK_MESSAGE(cycle.empty(), "include cycle between core modules: " << cycle);
    for (const auto& b : s.banned) FAIL_CHECK("core includes a UI header: " << b);
    CHECK(s.graph.at("base").empty());  // the bottom layer includes no other module
    // The Workspace sits above the modules it opens, not inside the store.
    REQUIRE(s.graph.count("workspace"));
    CHECK(s.graph.at("store").count("demo") == 0);
    CHECK(s.graph.at("promotions").count("analytics") == 0);
  }
  TEST_CASE("ui/ reads the store only through the Workspace: no SQL, no Store& or Db&") {
    std::regex re(R"((\bDb\s*&|\bStore\s*&|\.db\(\)|\.store\(\)|\bprepare\(|"\s*(SELECT|INSERT|UPDATE|DELETE)\b))");
    const std::vector<std::string> hits = ui_lines_matching(re);
    for (const auto& h : hits) FAIL_CHECK("ui/ reaches past the Workspace: " << h);
  }
  TEST_CASE("ui/ edits text only through the growing-string helpers: no ImGui::InputText over a fixed buffer") {
    // Issue #9 item 6: a char[N] behind an ImGui text field cuts a long value silently. Every
    // editable text goes through ui/widgets/text_input.h (input_text, input_text_multiline:
    // std::string with ImGui's resize callback); only that file and the list editor, which
    // passes a std::string's own storage with the resize callback, call ImGui's text fields.
    // Nor a char[N] at all: a name, SKU or list printed into one could be cut at its size, so
    // text is built with strf / std::string (ui/i18n/format.h).
    std::regex re(R"(ImGui::InputText(WithHint|Multiline)?\s*\(|\bchar\s+\w+\s*\[[^\]]*\])");
    const std::vector<std::string> hits = ui_lines_matching(re, {"text_input.cpp", "list_edit.cpp"});
    for (const auto& h : hits) FAIL_CHECK("a text field over a fixed buffer (use input_text): " << h);
  }
  TEST_CASE("ui/ wraps text only through ui/widgets/wrap_text.h: no ImGui::TextWrapped") {
    // Issue #9: ImGui 1.86 wraps a Chinese sentence at any glyph and after a '.', so numbers
    // were cut ("上升49." / "5%"). text_wrapped / wrapped_text (ui/widgets/wrap_text.h) break
    // between CJK characters and at spaces, never inside a number or a Latin word.
    std::regex re(R"(ImGui::TextWrapped\s*\()");
    const std::vector<std::string> hits = ui_lines_matching(re);
    for (const auto& h : hits) FAIL_CHECK("ImGui's wrap cuts numbers in Chinese text (use text_wrapped): " << h);
  }
}
