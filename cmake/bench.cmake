# Benchmark programs (native only): they print figures and never pass or fail.
if(NOT EMSCRIPTEN)
  add_executable(analytics_bench tests/bench/analytics_bench.cpp)
  target_link_libraries(analytics_bench PRIVATE sk_core sk_warnings)
  add_executable(promo_bench tests/bench/promo_bench.cpp)
  target_link_libraries(promo_bench PRIVATE sk_core sk_warnings)
  add_executable(import_bench tests/bench/import_bench.cpp)
  target_link_libraries(import_bench PRIVATE sk_core sk_warnings)
endif()
