// Long work spread over frames: the one way the UI runs it (an import's reading and writing, the
// loss guard, the promotions editor's save check). A job advances one slice per frame while it
// is `running` (the panel sets PanelContext::keep_drawing so the next frame comes at once), shows
// its progress with a Cancel button, and can be cancelled between slices.
#pragma once
#include <chrono>
#include <cstdint>

namespace shopkeeper::ui {

// What every sliced job has: whether it runs, and whether the seller cancelled it.
struct SlicedJob {
  bool running = false, cancelled = false;
  void cancel() { running = false, cancelled = true; }
};

// A slice size that adapts to the frame: one frame's share of the work should take about
// `work_ms`, or twice the rest of the frame when drawing itself is slow (software WebGL), so the
// work keeps about two thirds of the time; never over `max_ms`. The size at most halves or
// doubles per frame, within [min, max].
class AdaptiveSlice {
 public:
  struct Limits {
    int64_t first, min, max;
    double work_ms, max_ms;
  };
  explicit AdaptiveSlice(const Limits& limits) : limits_(limits), size_(limits.first) {}
  int64_t size() const { return size_; }

  // One frame's slice: made at the start of the frame's work; adapt() after the work that used
  // size(); when it goes out of scope it records the end of the work, from which the next frame
  // measures the rest of this one (drawing it and waiting for the next).
  class Frame {
   public:
    explicit Frame(AdaptiveSlice& s);
    ~Frame();
    Frame(const Frame&) = delete;
    Frame& operator=(const Frame&) = delete;
    void adapt();

   private:
    AdaptiveSlice& s_;
    std::chrono::steady_clock::time_point t0_;
    double rest_ms_;
  };

 private:
  Limits limits_;
  int64_t size_;
  std::chrono::steady_clock::time_point last_end_{};
};

// A progress bar `width` wide (ImGui's convention: negative = to the right edge) with `overlay`
// (may be null), then a Cancel button beside it (`same_line`) or under it. True when Cancel was
// pressed.
bool progress_with_cancel(float fraction, float width, const char* overlay, bool same_line);
// What a cancelled job leaves: `note` greyed, then a button `again` beside it. True when pressed.
bool cancelled_note(const char* note, const char* again);

}  // namespace shopkeeper::ui
