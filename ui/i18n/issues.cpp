#include "ui/i18n/issues.h"

#include "ui/i18n/format.h"

namespace shopkeeper::ui {

namespace {

std::string q(const std::string& s) { return "“" + s + "”"; }

// No default: a new code without a Chinese sentence is a -Wswitch warning here and fails the UI
// test that words every code.
std::string what_zh(const InputIssue& i) {
  switch (i.why) {
    case InputWhy::none: return "";
    case InputWhy::other: return "无法读取这些内容（编码或格式有误）";
    case InputWhy::file_empty: return "文件是空的";
    case InputWhy::missing_column: return "缺少" + q(i.field) + "列";
    case InputWhy::unknown_columns: return "无法识别的列 " + i.a + "（可用的列：" + i.b + "）";
    case InputWhy::header_needs: return "表头需要 " + i.a + " 这几列";
    case InputWhy::record_cut_off:
      return "文件在一行的中间结束了，是不是没下载完？（第 " + std::to_string(i.n) + " 行开始的引号一直没有闭合）";
    case InputWhy::record_bad_quote: return "右引号后面还有文字（字段里的引号要写成两个）";
    case InputWhy::fewer_fields: return "这一行的字段比表头少";
    case InputWhy::field_empty: return "不能为空";
    case InputWhy::not_whole_number: return q(i.a) + "不是整数";
    case InputWhy::not_positive_whole: return "必须是大于 0 的整数";
    case InputWhy::not_nonneg_whole: return "必须是不小于 0 的整数";
    case InputWhy::not_minor_units: return "必须是以分为单位、不小于 0 的整数";
    case InputWhy::not_date: return q(i.a) + "不是“年-月-日”格式的日期";
    case InputWhy::not_count: return q(i.a) + "不是有效的人数";
    case InputWhy::not_rate: return q(i.a) + "不是有效的比率";
    case InputWhy::rate_above_100: return "比率超过 100%";
    case InputWhy::no_supplier: return "没有编号为 " + i.a + " 的供应商";
    case InputWhy::no_product: return "商品库中没有 SKU 为" + q(i.a) + "的商品";
    case InputWhy::before_order_date: return "早于下单日期";
    case InputWhy::received_before_ordered: return "到货日期 " + i.a + " 早于下单日期 " + i.b;
    case InputWhy::rejected_over_received: return "拒收件数多于到货件数";
    case InputWhy::received_without_date: return "有到货件数却没有到货日期";
    case InputWhy::po_sku_twice: return "采购单 " + i.a + " 两次列出 SKU " + i.b;
    case InputWhy::snapshot_twice: return "SKU " + i.a + " 在 " + i.b + " 有两条库存记录";
    case InputWhy::ab_no_visitors: return i.a + " 组没有访客：转化率至少需要一位访客";
    case InputWhy::ab_negative_conversions: return "转化数不能为负数";
    case InputWhy::ab_conversions_over_visitors:
      return i.a + " 组的转化数（" + std::to_string(i.n) + "）多于访客数（" + std::to_string(i.m) + "）";
    case InputWhy::ab_alpha_range: return "显著性水平必须在 0 和 1 之间";
    case InputWhy::ab_power_range: return "检验功效必须在显著性水平和 1 之间";
    case InputWhy::ab_split_range: return "计划的分流比例必须在 0 和 1 之间";
    case InputWhy::ab_revenue_one_sided: return "请同时给出 A、B 两组的收入，或都不给";
    case InputWhy::ab_revenue_too_few: return "收入检验每组至少需要两个值";
    case InputWhy::ab_lift_range: return "提升幅度必须高于 -100%";
    case InputWhy::workbook_not_excel:
      if (i.n == 1) return "这个压缩包里没有 Excel 工作簿（可能是别的文件改了扩展名）：请先解压，或从 Excel 重新导出数据";
      if (i.n == 2) return "这个文件里没有 Excel 工作簿（可能是文档或演示文稿）";
      return "这不是 Excel 工作簿";
    case InputWhy::workbook_encrypted: return "这个工作簿设了密码：请在 Excel 里打开，去掉密码后另存，再导入";
    case InputWhy::workbook_damaged: return "工作簿已损坏，无法读取：请在 Excel 里打开后另存一份，再导入";
    case InputWhy::workbook_no_sheets: return "这个工作簿里没有工作表";
    case InputWhy::no_such_sheet: return "没有名为" + q(i.sheet) + "的工作表；工作簿里的工作表：" + i.a;
    case InputWhy::sheets_empty: return "工作簿的每个工作表都是空的";
    case InputWhy::no_header_row:
      return "前 " + std::to_string(i.n) + " 行里找不到表头（表头是数据上方一行列名，不含数字或日期）";
    case InputWhy::formula_no_value:
      return "公式没有保存计算结果（文件是由不计算公式的程序写出的）：请在 Excel 里打开并重新保存，再导入";
    case InputWhy::count_: return "";
  }
  return "";
}

}  // namespace

std::string input_issue_text(const InputIssue& i, Lang lang) {
  if (lang != Lang::zh_CN) return input_issue_en(i);
  std::string where = i.file;
  if (!i.sheet.empty() && i.why != InputWhy::no_such_sheet) where += (where.empty() ? "工作表" : "，工作表") + q(i.sheet);
  if (i.line > 0) where += (where.empty() ? "第 " : " 第 ") + std::to_string(i.line) + " 行";
  if (!i.field.empty() && i.why != InputWhy::missing_column) where += (where.empty() ? "" : "，") + q(i.field) + "列";
  return where.empty() ? what_zh(i) : where + "：" + what_zh(i);
}

std::string error_text(const Error& e, const InputIssue& why, Lang lang) {
  return why.empty() ? error_text(e, lang) : input_issue_text(why, lang);
}

std::string error_text(const Error& e, Lang lang) {
  if (lang != Lang::zh_CN) return e.message;
  // Without an issue the message is a store's or the system's (English): Chinese says what kind
  // of failure it was, by its code, without the detail.
  switch (e.code) {
    case ErrorCode::invalid_argument: return "输入的值无效";
    case ErrorCode::parse_error: return "格式不对，无法读取";
    case ErrorCode::not_found: return "找不到要用的数据";
    case ErrorCode::io_error: return "读写文件时出错，没有完成";
    case ErrorCode::db_error: return "读写店铺数据时出错，店铺数据保持原样";
    case ErrorCode::schema_mismatch: return "店铺数据的版本与本程序不符";
    case ErrorCode::conflict: return "另一项操作正在进行，请稍后再试";
    case ErrorCode::readonly: return "店铺以只读方式打开，不能修改";
    case ErrorCode::cancelled: return "已取消";
  }
  return "没有完成：出现了错误";
}

}  // namespace shopkeeper::ui
