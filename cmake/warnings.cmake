# Warning flags for the project's own code (third-party code is compiled without them).
add_library(sk_warnings INTERFACE)
target_compile_options(sk_warnings INTERFACE -Wall -Wextra -Wpedantic -Wno-unused-parameter
                                             $<$<COMPILE_LANGUAGE:CXX>:-Wno-missing-field-initializers>)
