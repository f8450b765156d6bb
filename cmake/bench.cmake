# Benchmark programs: they print figures and never pass or fail (tests/bench/README.md).
# One benchmark a line (branches adding one merge without conflict).
set(SK_BENCHES
  members
  planning
  analytics
  promo
  import
  pricing
  insights
  excel
)
if(NOT EMSCRIPTEN)
  foreach(b ${SK_BENCHES})
    add_executable(${b}_bench tests/bench/${b}_bench.cpp)
    target_link_libraries(${b}_bench PRIVATE sk_core sk_warnings)
    target_compile_definitions(${b}_bench PRIVATE SK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  endforeach()
else()
  # The same programs as wasm for node (the web build's core, same V8 engine as Chromium):
  # NODERAWFS gives them the real file system, e.g. a store made natively.
  #   ninja -C build/wasm analytics_bench_wasm && node --no-experimental-fetch build/wasm/analytics_bench_wasm.js --db DIR
  # Not part of the default build (./test does not need them).
  foreach(b ${SK_BENCHES})
    add_executable(${b}_bench_wasm EXCLUDE_FROM_ALL tests/bench/${b}_bench.cpp)
    target_link_libraries(${b}_bench_wasm PRIVATE sk_core sk_warnings)
    target_compile_definitions(${b}_bench_wasm PRIVATE SK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    target_link_options(${b}_bench_wasm PRIVATE -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sENVIRONMENT=node
                                                -sEXIT_RUNTIME=1 -sMAXIMUM_MEMORY=4GB)
    set_target_properties(${b}_bench_wasm PROPERTIES SUFFIX ".js")
    # The same program for the browser (tests/bench/core_web_bench.mjs runs it in headless
    # Chromium): the web app's memory settings (growth up to emscripten's default 2 GB), an
    # in-memory file system the page fills with the store's files before it calls main.
    add_executable(${b}_bench_web EXCLUDE_FROM_ALL tests/bench/${b}_bench.cpp)
    target_link_libraries(${b}_bench_web PRIVATE sk_core sk_warnings)
    target_compile_definitions(${b}_bench_web PRIVATE SK_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    target_link_options(${b}_bench_web PRIVATE -sENVIRONMENT=web -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB
                                               -sFORCE_FILESYSTEM=1 -sINVOKE_RUN=0 -sEXIT_RUNTIME=0
                                               -sEXPORTED_RUNTIME_METHODS=['FS','callMain'])
    set_target_properties(${b}_bench_web PROPERTIES SUFFIX ".js")
  endforeach()
endif()
