// libFuzzer target: bytes -> decoder -> CSV reader -> every import preset -> in-memory store.
// Built and run by tests/fuzz/run_fuzz.sh (clang++ -fsanitize=fuzzer,address,undefined).
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/io/csv.h"
#include "core/io/importer.h"
#include "core/io/values.h"
#include "core/store/store.h"

using namespace shopkeeper;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // The value parsers on the raw input (as one cell).
  NumberFormat nf;
  (void)parse_amount(bytes, nf);
  (void)parse_count(bytes, nf);
  (void)parse_datetime(bytes, DateOrder::automatic);
  auto dec = decode_text(bytes);
  if (dec.ok()) {
    CsvReader r(dec->text, detect_delimiter(dec->text));
    CsvRecord rec;
    while (r.next(rec)) {
    }
  }
  // The first byte picks the preset, so the fuzzer can steer into each one.
  static const char* formats[] = {"auto", "online-retail", "shopify-orders", "woocommerce-orders", "taobao-orders",
                                  "generic"};
  static const char* targets[] = {"orders", "order_lines", "refunds", "products", "customers", "traffic", "ad_spend"};
  ImportOptions o;
  uint8_t pick = size ? data[0] : 0;
  o.format = formats[pick % 6];
  if (o.format == std::string("generic")) o.target = targets[(pick / 6) % 7];
  o.date_order = static_cast<DateOrder>((pick / 42) % 3);
  o.number.decimal_comma = (pick & 0x80) != 0;
  // One store for the whole run (creating the schema per input would dominate); emptied after
  // every committed import so inputs do not see each other's rows.
  static Store* store = [] {
    auto s = Store::open_memory();
    return s.ok() ? new Store(std::move(*s)) : nullptr;
  }();
  if (!store) return 0;
  Importer imp;
  if (imp.begin(bytes, o).ok()) {
    while (!imp.step(7).done) {
    }
    auto rep = imp.commit(*store);
    if (rep.ok() && rep->rows_read != rep->rows_imported + rep->rows_skipped_duplicate + rep->rows_rejected)
      __builtin_trap();  // every row must be accounted for
    if (rep.ok()) (void)store->clear_all();
  }
  return 0;
}
