# Benchmark programs: they print figures and never pass or fail.
if(NOT EMSCRIPTEN)
  add_executable(analytics_bench tests/bench/analytics_bench.cpp)
  target_link_libraries(analytics_bench PRIVATE sk_core sk_warnings)
  add_executable(promo_bench tests/bench/promo_bench.cpp)
  target_link_libraries(promo_bench PRIVATE sk_core sk_warnings)
  add_executable(import_bench tests/bench/import_bench.cpp)
  target_link_libraries(import_bench PRIVATE sk_core sk_warnings)
else()
  # The analytics benchmark as wasm for node (the web build's figures): NODERAWFS gives it the
  # real file system, so it can open a store made natively (`shopkeeper demo` or analytics_bench).
  #   node --no-experimental-fetch build-wasm/analytics_bench_wasm.js --db DIR
  add_executable(analytics_bench_wasm tests/bench/analytics_bench.cpp)
  target_link_libraries(analytics_bench_wasm PRIVATE sk_core sk_warnings)
  target_link_options(analytics_bench_wasm PRIVATE -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node
                                                   -sEXIT_RUNTIME=1 -sMAXIMUM_MEMORY=4GB)
  set_target_properties(analytics_bench_wasm PROPERTIES SUFFIX ".js")
endif()
