#include "core/io/sniff.h"

#include <cstring>

#include "core/io/csv.h"

#ifdef SK_HAVE_ZLIB
#include <zlib.h>
#endif

namespace shopkeeper {

namespace {
bool starts(std::string_view b, std::string_view magic) { return b.substr(0, magic.size()) == magic; }
}  // namespace

const char* file_kind_name(FileKind k) {
  switch (k) {
    case FileKind::text: return "text";
    case FileKind::gzip: return "gzip";
    case FileKind::zip: return "zip";
    case FileKind::xlsx: return "xlsx";
    case FileKind::xls: return "xls";
    case FileKind::png: return "png";
    case FileKind::jpeg: return "jpeg";
    case FileKind::gif: return "gif";
    case FileKind::pdf: return "pdf";
    case FileKind::sqlite: return "sqlite";
    case FileKind::other_binary: return "binary";
  }
  return "";
}

FileKind sniff_file(std::string_view b) {
  if (starts(b, "\x1F\x8B")) return FileKind::gzip;
  if (starts(b, "PK\x03\x04") || starts(b, "PK\x05\x06")) {
    // An Office Open XML workbook is a zip whose part names (stored in clear in the local file
    // headers) start with xl/ or name [Content_Types].xml next to an xl/ part.
    std::string_view head = b.substr(0, 64 * 1024);
    if (head.find("xl/") != std::string_view::npos) return FileKind::xlsx;
    return FileKind::zip;
  }
  if (starts(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return FileKind::xls;  // OLE2 (Excel 97-2003)
  if (starts(b, "\x89PNG\r\n\x1A\n")) return FileKind::png;
  if (starts(b, "\xFF\xD8\xFF")) return FileKind::jpeg;
  if (starts(b, "GIF87a") || starts(b, "GIF89a")) return FileKind::gif;
  if (starts(b, "%PDF-")) return FileKind::pdf;
  if (starts(b, std::string_view("SQLite format 3\0", 16))) return FileKind::sqlite;
  if (starts(b, "\xFF\xFE") || starts(b, "\xFE\xFF")) return FileKind::text;  // UTF-16 with BOM
  std::string_view head = b.substr(0, 4096);
  if (head.find('\0') != std::string_view::npos) {
    // UTF-16 without a BOM has NULs in every other byte of ASCII text: leave it to the decoder.
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < head.size(); ++i)
      if (head[i] == '\0') ++(i % 2 ? odd : even);
    const size_t half = head.size() / 2;
    if ((odd > half * 3 / 10 && even == 0) || (even > half * 3 / 10 && odd == 0)) return FileKind::text;
    return FileKind::other_binary;
  }
  return FileKind::text;
}

std::string not_text_message(FileKind k) {
  switch (k) {
    case FileKind::text:
    case FileKind::gzip: return "";
    case FileKind::zip: return "this is a zip archive, not a CSV file: unpack it and import the CSV inside";
    case FileKind::xlsx:
      return "this is an Excel workbook (.xlsx), not a CSV file: open it and save the sheet as CSV (UTF-8)";
    case FileKind::xls:
      return "this is an old Excel workbook (.xls), not a CSV file: open it and save the sheet as CSV (UTF-8)";
    case FileKind::png: return "this is a PNG image, not a CSV file";
    case FileKind::jpeg: return "this is a JPEG image, not a CSV file";
    case FileKind::gif: return "this is a GIF image, not a CSV file";
    case FileKind::pdf: return "this is a PDF document, not a CSV file: export the data as CSV instead";
    case FileKind::sqlite:
      return "this is a database file, not a CSV file (a Shopkeeper backup is restored from Settings)";
    case FileKind::other_binary: return "this is not a text file (it holds binary data), so it is not a CSV file";
  }
  return "";
}

bool have_gunzip() {
#ifdef SK_HAVE_ZLIB
  return true;
#else
  return false;
#endif
}

Result<std::string> gunzip(std::string_view bytes, FileRefusal* why) {
  auto refuse = [why](FileWhy w) {
    if (why) *why = FileRefusal{w};
    return make_error(w == FileWhy::gzip_unsupported ? ErrorCode::invalid_argument : ErrorCode::parse_error,
                      refusal_en(FileRefusal{w}));
  };
  if (!starts(bytes, "\x1F\x8B")) return make_error(ErrorCode::invalid_argument, "not gzip data");
#ifdef SK_HAVE_ZLIB
  z_stream zs;
  std::memset(&zs, 0, sizeof zs);
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return make_error(ErrorCode::io_error, "zlib could not start");
  std::string out;
  out.resize(bytes.size() * 4 + 4096);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  zs.avail_in = static_cast<uInt>(bytes.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (zs.total_out >= out.size()) out.resize(out.size() * 2);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
    zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK) {
      inflateEnd(&zs);
      return refuse(rc == Z_BUF_ERROR ? FileWhy::gzip_cut : FileWhy::gzip_damaged);
    }
  }
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
#else
  return refuse(FileWhy::gzip_unsupported);
#endif
}

std::vector<EncodingPreview> encoding_previews(std::string_view bytes, int lines) {
  // Enough bytes for `lines` lines (cut at a line end so no character is split).
  size_t end = 0;
  int seen = 0;
  while (end < bytes.size() && seen < lines) {
    size_t nl = bytes.find('\n', end);
    if (nl == std::string_view::npos) {
      end = bytes.size();
      break;
    }
    end = nl + 1;
    ++seen;
  }
  // UTF-16: keep an even length, and the newline's zero byte.
  std::string_view head = bytes.substr(0, end);
  std::vector<EncodingPreview> out;
  for (const char* enc : {"utf-8", "gb18030", "big5", "utf-16le", "utf-16be"}) {
    EncodingPreview p;
    p.encoding = enc;
    std::string_view h = head;
    if (std::string_view(enc).rfind("utf-16", 0) == 0) {
      size_t n = std::min(bytes.size(), head.size() + 1);
      h = bytes.substr(0, n - n % 2);
    }
    auto d = decode_text(h, enc);
    if (d) {
      p.ok = true;
      p.text = std::move(d->text);
    } else {
      p.error = d.error().message;
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace shopkeeper
