#include "core/io/csv.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <utf8.h>

#include "core/base/text.h"
#include "core/io/sniff.h"

namespace shopkeeper {

namespace {


// iconv over the whole buffer. On an invalid or truncated sequence, reports the line where it is
// (counted in the text decoded so far, so it works for any source encoding).
Result<std::string> iconv_to_utf8(std::string_view in, const char* from, FileRefusal* why) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1))
    return make_error(ErrorCode::invalid_argument, std::string("unsupported encoding ") + from);
  // UTF-8 never needs more than 2 bytes per input byte from these encodings (2 -> 3 at most).
  std::string out(in.size() * 2 + 16, '\0');
  char* inp = const_cast<char*>(in.data());
  size_t inleft = in.size();
  char* outp = out.data();
  size_t outleft = out.size();
  while (inleft > 0) {
    size_t rc = iconv(cd, &inp, &inleft, &outp, &outleft);
    if (rc != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) {
      size_t used = static_cast<size_t>(outp - out.data());
      out.resize(out.size() * 2);
      outp = out.data() + used;
      outleft = out.size() - used;
      continue;
    }
    size_t used = static_cast<size_t>(outp - out.data());
    int64_t line = 1 + std::count(out.data(), out.data() + used, '\n');
    iconv_close(cd);
    FileRefusal r{FileWhy::bad_bytes, line, from};
    if (why) *why = r;
    return make_error(ErrorCode::parse_error, refusal_en(r));
  }
  out.resize(static_cast<size_t>(outp - out.data()));
  iconv_close(cd);
  return out;
}

// ASCII is skipped eight bytes at a time; utf8cpp checks each run of non-ASCII bytes. A UTF-8
// sequence never contains an ASCII byte, so checking the runs one by one finds the same first
// invalid byte as checking the whole text (a sequence cut short by an ASCII byte is invalid at
// its start either way). Every export's text passes through here once per import.
size_t find_invalid_utf8(std::string_view s) {
  const size_t n = s.size();
  const char* p = s.data();
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    while (i < n && static_cast<unsigned char>(p[i]) < 0x80) ++i;
    if (i == n) break;
    size_t j = i;
    while (j < n && static_cast<unsigned char>(p[j]) >= 0x80) ++j;
    const char* bad = utf8::find_invalid(p + i, p + j);
    if (bad != p + j) return static_cast<size_t>(bad - p);
    i = j;
  }
  return n;
}

}  // namespace

std::string_view trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\r' || v.front() == '\n'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r' || v.back() == '\n'))
    v.remove_suffix(1);
  // UTF-8 no-break space (U+00A0) and ideographic space (U+3000), common in pasted Chinese data.
  // Neither can be there unless the value starts with their first byte or ends with their last.
  if (v.empty()) return v;
  const auto front = static_cast<unsigned char>(v.front()), back = static_cast<unsigned char>(v.back());
  if (front != 0xC2 && front != 0xE3 && back != 0xA0 && back != 0x80) return v;
  for (bool again = true; again;) {
    again = false;
    for (std::string_view sp : {std::string_view("\xC2\xA0"), std::string_view("\xE3\x80\x80")}) {
      if (v.starts_with(sp)) v.remove_prefix(sp.size()), again = true;
      if (v.size() >= sp.size() && v.substr(v.size() - sp.size()) == sp) v.remove_suffix(sp.size()), again = true;
    }
  }
  return v;
}

std::string_view unwrap_cell(std::string_view v) {
  v = trim(v);
  if (v.size() >= 3 && v[0] == '=' && v[1] == '"' && v.back() == '"') return v.substr(2, v.size() - 3);
  if (!v.empty() && (v[0] == '\'' || v[0] == '\t')) v.remove_prefix(1);
  return v;
}

std::string detect_encoding(std::string_view b) {
  if (b.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (b.starts_with("\xFF\xFE")) return "utf-16le";
  if (b.starts_with("\xFE\xFF")) return "utf-16be";
  if (find_invalid_utf8(b) == b.size()) {
    // Valid UTF-8 can still be BOM-less UTF-16 (ASCII text with zero bytes in between).
    size_t n = std::min<size_t>(b.size(), 4096), zero_even = 0, zero_odd = 0;
    for (size_t i = 0; i < n; ++i)
      if (b[i] == 0) (i % 2 ? zero_odd : zero_even)++;
    if (n >= 4 && zero_odd * 3 > n / 2) return "utf-16le";
    if (n >= 4 && zero_even * 3 > n / 2) return "utf-16be";
    return "utf-8";
  }
  return "gb18030";
}

Result<Decoded> decode_text(std::string_view bytes, std::string_view encoding, FileRefusal* why) {
  auto refuse = [why](ErrorCode code, FileRefusal r) {
    if (why) *why = r;
    return make_error(code, refusal_en(r));
  };
  Decoded d;
  // Not text at all (an image, a workbook, an archive): say what it is. A gzip-compressed CSV
  // is unpacked and decoded as its content.
  std::string unpacked;
  FileKind kind = sniff_file(bytes);
  if (kind == FileKind::gzip) {
    auto u = gunzip(bytes, why);
    if (!u) return u.error();
    unpacked = std::move(*u);
    bytes = unpacked;
    kind = sniff_file(bytes);
  }
  if (kind != FileKind::text && kind != FileKind::gzip)
    return refuse(ErrorCode::parse_error, {FileWhy::not_text, static_cast<int64_t>(kind)});
  d.encoding = encoding == "auto" || encoding.empty() ? detect_encoding(bytes) : std::string(encoding);
  std::string& enc = d.encoding;
  enc = ascii_lower(enc);
  if (enc == "utf8") enc = "utf-8";
  if (enc == "utf16le" || enc == "utf16be") enc.insert(3, "-");
  if (enc == "utf-16") enc = bytes.starts_with("\xFE\xFF") ? "utf-16be" : "utf-16le";
  if (enc == "gb2312") enc = "gbk";
  if (enc == "utf-8") {
    if (bytes.starts_with("\xEF\xBB\xBF")) {
      bytes.remove_prefix(3);
      d.had_bom = true;
    }
    size_t bad = find_invalid_utf8(bytes);
    if (bad != bytes.size()) {
      int64_t line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bad), '\n');
      return refuse(ErrorCode::parse_error, {FileWhy::bad_utf8, line});
    }
    d.text.assign(bytes);
    return d;
  }
  const char* from = nullptr;
  if (enc == "utf-16le") {
    from = "UTF-16LE";
    if (bytes.starts_with("\xFF\xFE")) bytes.remove_prefix(2), d.had_bom = true;
  } else if (enc == "utf-16be") {
    from = "UTF-16BE";
    if (bytes.starts_with("\xFE\xFF")) bytes.remove_prefix(2), d.had_bom = true;
  } else if (enc == "gbk") {
    from = "GBK";
  } else if (enc == "gb18030") {
    from = "GB18030";
  } else if (enc == "big5") {
    from = "BIG5";
  } else {
    return refuse(ErrorCode::invalid_argument, {FileWhy::unknown_encoding, 0, enc});
  }
  auto t = iconv_to_utf8(bytes, from, why);
  if (!t) return t.error();
  d.text = std::move(*t);
  // A UTF-8 BOM produced by the conversion (some UTF-16 files carry one inside).
  if (d.text.starts_with("\xEF\xBB\xBF")) d.text.erase(0, 3);
  return d;
}

char detect_delimiter(std::string_view text) {
  size_t counts[3] = {0, 0, 0};
  const char cands[3] = {',', ';', '\t'};
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') {
      if (counts[0] + counts[1] + counts[2] > 0) break;  // skip leading blank lines
      continue;
    }
    for (int k = 0; k < 3; ++k)
      if (c == cands[k]) ++counts[k];
  }
  int best = 0;
  for (int k = 1; k < 3; ++k)
    if (counts[k] > counts[best]) best = k;
  return cands[best];
}

bool CsvReader::next(CsvRecord& rec) {
  rec.fields.clear();
  rec.error.clear();
  rec.bad = FileWhy::none;
  spans_.clear();
  scratch_.clear();
  const size_t n = text_.size();
  const char* t = text_.data();
  // Skip blank lines.
  while (pos_ < n && (t[pos_] == '\n' || t[pos_] == '\r')) {
    if (t[pos_] == '\n' || (t[pos_] == '\r' && (pos_ + 1 >= n || t[pos_ + 1] != '\n'))) ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  rec.line = line_;
  auto skip_to_next_line = [&] {
    while (pos_ < n && t[pos_] != '\n') ++pos_;
    if (pos_ < n) ++pos_, ++line_;
  };
  for (;;) {
    if (pos_ < n && t[pos_] == '"') {
      const int64_t open_line = line_;
      size_t start = ++pos_;
      bool escaped = false;
      size_t q;
      for (;;) {
        const void* f = std::memchr(t + pos_, '"', n - pos_);
        if (!f) {
          line_ += std::count(t + pos_, t + n, '\n');
          pos_ = n;
          spans_.push_back({false, start, n - start});
          // At the end of the text: the file stops inside this row (a download cut short).
          rec.bad = FileWhy::cut_off;
          rec.open_line = open_line;
          rec.error = "the file ends in the middle of a row (line " + std::to_string(rec.line) +
                      "): was it cut off? (a quoted field opened on line " + std::to_string(open_line) +
                      " is never closed)";
          goto done;
        }
        q = static_cast<size_t>(static_cast<const char*>(f) - t);
        line_ += std::count(t + pos_, t + q, '\n');
        if (q + 1 < n && t[q + 1] == '"') {
          escaped = true;
          pos_ = q + 2;
          continue;
        }
        break;
      }
      if (escaped) {
        size_t off = scratch_.size();
        for (size_t i = start; i < q; ++i) {
          scratch_.push_back(t[i]);
          if (t[i] == '"') ++i;  // "" -> "
        }
        spans_.push_back({true, off, scratch_.size() - off});
      } else {
        spans_.push_back({false, start, q - start});
      }
      pos_ = q + 1;
      while (pos_ < n && t[pos_] == ' ') ++pos_;  // tolerate spaces after the closing quote
      if (pos_ < n && t[pos_] != delim_ && t[pos_] != '\n' && t[pos_] != '\r') {
        rec.bad = FileWhy::bad_quote;
        rec.error = "unexpected text after a closing quote (a quote inside a field must be doubled)";
        skip_to_next_line();
        goto done;
      }
    } else {
      size_t start = pos_;
      while (pos_ < n) {
        char c = t[pos_];
        if (c == delim_ || c == '\n' || c == '\r') break;
        ++pos_;
      }
      spans_.push_back({false, start, pos_ - start});
    }
    if (pos_ < n && t[pos_] == delim_) {
      ++pos_;
      continue;
    }
    // End of record.
    if (pos_ < n && t[pos_] == '\r') ++pos_;
    if (pos_ < n && t[pos_] == '\n') ++pos_;
    ++line_;
    break;
  }
done:
  rec.fields.reserve(spans_.size());
  for (const Span& s : spans_)
    rec.fields.emplace_back(s.scratch ? std::string_view(scratch_).substr(s.off, s.len) : text_.substr(s.off, s.len));
  return true;
}

}  // namespace shopkeeper
