// Excel benchmark (issue #16; goal: a 100,000-row .xlsx imports in < 5 s natively): writes an
// order export of N rows (default 100,000) with libxlsxwriter as a platform would (title line,
// header, serial date-times, numbers, text), then times reading it (unzip + XML + shared strings),
// turning it into the importer's CSV, and the whole import into an on-disk store; then the .xlsx
// export of the imported order lines. Beside it, in the same run, openpyxl's read of the same file
// (tests/bench/excel_openpyxl.py, read-only mode). Figures only, no pass/fail.
//   excel_bench [--rows N] [--keep PATH]
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/base/file.h"
#include "core/base/random.h"
#include "core/io/importer.h"
#include "core/io/spreadsheet.h"
#include "core/io/table.h"
#include "core/io/xlsx_write.h"
#include "core/store/store.h"
#include "tests/bench/timing.h"

using namespace shopkeeper;
using namespace shopkeeper::bench;

namespace {

void write_workbook(const std::string& path, int64_t rows) {
  demo::Rng rng{16};
  lxw_workbook_options wo{};
  wo.constant_memory = 0;  // shared strings, as Excel and most platforms write them
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &wo);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "订单明细");
  lxw_format* dt = workbook_add_format(wb);
  format_set_num_format(dt, "yyyy-mm-dd hh:mm:ss");
  worksheet_write_string(ws, 0, 0, "订单明细报表（导出）", nullptr);
  const char* head[] = {"订单号", "下单时间", "客户ID", "商品编码", "商品名称", "数量", "单价", "运费", "地区"};
  for (int c = 0; c < 9; ++c) worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), head[c], nullptr);
  const char* regions[] = {"浙江", "广东", "江苏", "上海", "北京", "四川"};
  const char* titles[] = {"夏季连衣裙", "纯棉T恤", "保温杯 500ml", "蓝牙耳机", "儿童运动鞋", "收纳盒 三件套"};
  int64_t order = 100000;
  double serial = 45292.375;  // 2024-01-01 09:00
  char buf[64];
  for (int64_t i = 0; i < rows; ++i) {
    if (rng.next() % 3 == 0 || i == 0) {
      ++order;
      serial += 0.003;
    }
    const auto r = static_cast<lxw_row_t>(i + 2);
    std::snprintf(buf, sizeof buf, "T%lld", static_cast<long long>(order));
    worksheet_write_string(ws, r, 0, buf, nullptr);
    worksheet_write_number(ws, r, 1, serial, dt);
    std::snprintf(buf, sizeof buf, "C%05llu", static_cast<unsigned long long>(order % 20000));
    worksheet_write_string(ws, r, 2, buf, nullptr);
    int p = static_cast<int>(rng.next() % 600);
    std::snprintf(buf, sizeof buf, "SKU-%04d", p);
    worksheet_write_string(ws, r, 3, buf, nullptr);
    worksheet_write_string(ws, r, 4, titles[p % 6], nullptr);
    worksheet_write_number(ws, r, 5, static_cast<double>(1 + rng.next() % 4), nullptr);
    worksheet_write_number(ws, r, 6, static_cast<double>(990 + p * 37 % 40000) / 100.0, nullptr);
    worksheet_write_number(ws, r, 7, (order % 4 == 0) ? 0 : 8, nullptr);
    worksheet_write_string(ws, r, 8, regions[order % 6], nullptr);
  }
  workbook_close(wb);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 100000;
  std::string keep;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--rows") rows = std::atoll(argv[i + 1]);
    else if (a == "--keep") keep = argv[i + 1];
  }
  auto dir = std::filesystem::temp_directory_path() / ("sk-excel-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = keep.empty() ? (dir / "orders.xlsx").string() : keep;
  Timer tw;
  write_workbook(path, rows);
  auto bytes = read_file(path);
  if (!bytes) return std::printf("cannot read %s\n", path.c_str()), 1;
  std::printf("excel_bench: %lld rows x 9 columns, %.1f MB .xlsx written by libxlsxwriter in %.0f ms\n",
              static_cast<long long>(rows), static_cast<double>(bytes->size()) / 1e6, tw.wall_ms());

  Timer tr;
  auto wb = read_workbook(*bytes, "orders.xlsx");
  auto sd = wb ? read_sheet(*wb, *bytes, "") : Result<SheetData>(wb.error());
  if (!sd) return std::printf("read failed: %s\n", sd.error().message.c_str()), 1;
  double read_wall = tr.wall_ms(), read_cpu = tr.cpu_ms();
  Timer tc;
  auto csv = sheet_to_csv(*sd, "orders.xlsx", nullptr);
  double csv_wall = tc.wall_ms();
  std::printf("  read (unzip, XML, shared strings, dates): %.0f ms wall, %.0f ms CPU; to CSV text %.0f ms (%.1f MB)\n",
              read_wall, read_cpu, csv_wall, csv ? static_cast<double>(csv->csv.size()) / 1e6 : 0.0);

  auto store = Store::open((dir / "store").string());
  if (!store) return std::printf("store: %s\n", store.error().message.c_str()), 1;
  ImportOptions o;
  o.format = "generic";
  o.target = "orders";
  o.file_name = "orders.xlsx";
  Timer ti;
  Importer imp;
  if (auto st = imp.begin(std::move(*bytes), o); !st) return std::printf("begin: %s\n", st.error().message.c_str()), 1;
  while (!imp.step(20000).done) {
  }
  double parsed = ti.wall_ms();
  auto rep = imp.commit(*store);
  if (!rep) return std::printf("commit: %s\n", rep.error().message.c_str()), 1;
  std::printf("  import into an on-disk store (read + parse %.0f ms, then commit): %.0f ms wall, %.0f ms CPU; "
              "%lld rows, %lld orders, %lld rejected  [goal < 5000 ms]\n",
              parsed, ti.wall_ms(), ti.cpu_ms(), static_cast<long long>(rep->rows_read),
              static_cast<long long>(rep->orders_imported), static_cast<long long>(rep->rows_rejected));

  auto t = export_table(*store, "order_lines");
  if (t) {
    Timer te;
    auto x = to_xlsx(*t, XlsxOptions{"order_lines", "¥"});
    std::printf("  export order_lines (%zu rows) as .xlsx: %.0f ms wall, %.0f ms CPU, %.1f MB\n", t->rows.size(), te.wall_ms(),
                te.cpu_ms(), x ? static_cast<double>(x->size()) / 1e6 : 0.0);
  }
  std::string cmd = "/usr/bin/python3 " + std::string(SK_SOURCE_DIR) + "/tests/bench/excel_openpyxl.py '" + path + "'";
  std::printf("  peer, same file: ");
  std::fflush(stdout);
  if (std::system(cmd.c_str()) != 0) std::printf("(openpyxl not available)\n");
  if (keep.empty()) std::filesystem::remove_all(dir);
  return 0;
}
