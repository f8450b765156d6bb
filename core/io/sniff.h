// What a file is before it is read as text: images, archives, spreadsheets and compressed files
// are named ("this is a PNG image") instead of failing as an invalid GB18030 byte sequence, a
// gzip-compressed CSV is unpacked (zlib natively; in the browser the host unpacks it with
// DecompressionStream before it reaches the core), and a text whose encoding was refused is
// shown decoded each plausible way so the seller can pick the right one.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "core/io/refusal.h"

namespace shopkeeper {

enum class FileKind { text, gzip, zip, xlsx, xls, png, jpeg, gif, pdf, sqlite, other_binary };
const char* file_kind_name(FileKind k);  // "text", "gzip", "xlsx", ...

// From the first bytes (magic numbers; a zip holding xl/ parts is an .xlsx); text is anything
// without NUL bytes in its first 4 KB, or UTF-16 with a BOM.
FileKind sniff_file(std::string_view bytes);

// "this is a PNG image, not a CSV file" ... for every kind but text and gzip; empty otherwise.
std::string not_text_message(FileKind k);

// gzip (RFC 1952) to its content. Error when it is not gzip, is damaged, or this build has no
// zlib (the wasm core: the browser host unpacks before handing the file over).
// `why`, when given, receives the refusal's code (gzip_cut, gzip_damaged, gzip_unsupported).
Result<std::string> gunzip(std::string_view bytes, FileRefusal* why = nullptr);
bool have_gunzip();

// The first `lines` lines of `bytes` decoded with each of utf-8, gb18030, big5, utf-16le and
// utf-16be: the text, or the reason it does not decode. For the "choose the encoding" prompt.
struct EncodingPreview {
  std::string encoding;
  bool ok = false;
  std::string text;   // the first lines (ok) ...
  std::string error;  // ... or why not
};
std::vector<EncodingPreview> encoding_previews(std::string_view bytes, int lines = 5);

}  // namespace shopkeeper
