#include "ui/widgets/sliced_job.h"

#include <imgui.h>

#include <algorithm>

#include "ui/i18n/strings.h"

namespace shopkeeper::ui {

namespace {
double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}
}  // namespace

AdaptiveSlice::Frame::Frame(AdaptiveSlice& s)
    : s_(s), t0_(std::chrono::steady_clock::now()),
      rest_ms_(s.last_end_.time_since_epoch().count() ? ms_since(s.last_end_) : 0.0) {}

AdaptiveSlice::Frame::~Frame() { s_.last_end_ = std::chrono::steady_clock::now(); }

void AdaptiveSlice::Frame::adapt() {
  const Limits& l = s_.limits_;
  double ms = ms_since(t0_);
  double target = std::clamp(2.0 * rest_ms_, l.work_ms, l.max_ms);
  double scale = ms > 0 ? std::clamp(target / ms, 0.5, 2.0) : 2.0;
  s_.size_ = std::clamp(static_cast<int64_t>(static_cast<double>(s_.size_) * scale), l.min, l.max);
}

bool progress_with_cancel(float fraction, float width, const char* overlay, bool same_line) {
  ImGui::ProgressBar(fraction, ImVec2(width, 0), overlay);
  if (same_line) ImGui::SameLine();
  return ImGui::Button(tr(S::cancel));
}

bool cancelled_note(const char* note, const char* again) {
  ImGui::TextDisabled("%s", note);
  ImGui::SameLine();
  return ImGui::Button(again);
}

}  // namespace shopkeeper::ui
