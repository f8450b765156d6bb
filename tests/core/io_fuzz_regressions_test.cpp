// Inputs the fuzzer (tests/fuzz) once crashed or hung on, kept as regressions: each runs through
// the decoder, the CSV reader and every import preset, which must end with a value, not a crash.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/csv.h"
#include "core/io/importer.h"
#include "core/store/store.h"

using namespace shopkeeper;

TEST_SUITE("io") {
  TEST_CASE("fuzz regressions run through the reader and the presets") {
    const std::filesystem::path dir = std::string(SK_SOURCE_DIR) + "/tests/data/fuzz-regressions";
    REQUIRE(std::filesystem::is_directory(dir));
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
      CAPTURE(entry.path().filename().string());
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      const std::string bytes = ss.str();
      ++files;
      auto dec = decode_text(bytes);
      if (dec.ok()) {
        CsvReader r(dec->text, detect_delimiter(dec->text));
        CsvRecord rec;
        int64_t last_line = 0;
        size_t last_offset = 0;
        while (r.next(rec)) {
          CHECK(rec.line > last_line);       // records move forward ...
          CHECK(r.offset() > last_offset);   // ... and always consume input
          last_line = rec.line;
          last_offset = r.offset();
        }
      } else {
        CHECK_FALSE(dec.error().message.empty());
      }
      for (const char* format : {"auto", "online-retail", "shopify-orders", "woocommerce-orders", "taobao-orders", "generic"}) {
        auto store = Store::open_memory();
        REQUIRE(store.ok());
        Importer imp;
        ImportOptions o;
        o.format = format;
        o.file_name = entry.path().filename().string();
        if (!imp.begin(bytes, o).ok()) continue;
        auto rep = imp.commit(*store);
        if (rep.ok()) CHECK(rep->rows_read == rep->rows_imported + rep->rows_skipped_duplicate + rep->rows_rejected);
        else CHECK_FALSE(rep.error().message.empty());
      }
    }
    CHECK(files > 0);
  }
}
