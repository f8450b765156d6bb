# Benchmarks: separate programs that print figures; never part of the tests' pass/fail.
if(NOT EMSCRIPTEN)
  add_executable(import_bench tests/bench/import_bench.cpp)
  target_link_libraries(import_bench PRIVATE sk_core sk_warnings)
endif()
