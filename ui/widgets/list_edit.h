// A list of short values (SKUs, categories, tags, channels) edited as a list: each value a chip
// with a remove button, a field where a typed value is added on Enter (or on a comma) and a
// pasted column or comma list adds every value, and an optional picker that searches the values
// the store knows (the catalogue's SKUs with their titles). The list is kept whole: nothing is
// joined into a fixed buffer and cut.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace shopkeeper::ui {

// The widget's own text: what is typed but not yet added, and the picker's search.
struct ListEditState {
  std::string pending;
  std::string search;
};

// Values the picker offers; `labels` is parallel to `values` (e.g. product titles) or empty.
struct ListChoices {
  const std::vector<std::string>* values = nullptr;
  const std::vector<std::string>* labels = nullptr;
};

// Values of a typed or pasted text: split at commas (also ， and 、), semicolons, tabs and line
// breaks, each trimmed, blanks dropped.
std::vector<std::string> split_list_text(std::string_view text);
// Appends each of `values` not already in `items`, in order; returns how many were added.
size_t add_to_list(std::vector<std::string>& items, const std::vector<std::string>& values);
// Rows of chips `items` takes at `width` pixels with the current font (for the chip area's height).
int list_chip_rows(const std::vector<std::string>& items, float width);

// Draws the list editor; returns true when `items` changed this frame.
bool list_edit(const char* id, std::vector<std::string>& items, ListEditState& state, float width,
               const ListChoices* choices = nullptr);

}  // namespace shopkeeper::ui
