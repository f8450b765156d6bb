# Benchmarks: separate native programs that print figures (never part of pass/fail).
if(NOT EMSCRIPTEN)
  add_executable(promo_bench tests/bench/promo_bench.cpp)
  target_link_libraries(promo_bench PRIVATE sk_core sk_warnings)
endif()
