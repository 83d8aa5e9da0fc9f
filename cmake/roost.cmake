# Helpers shared by every Roost target. Flags are set per target, never per directory.

# roost_warnings(TARGET): our own code builds with warnings as errors.
function(roost_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Werror)
endfunction()

# Sanitizers apply to every target of the build when ROOST_SANITIZE is on (the `asan` preset).
if(ROOST_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# roost_batch_sources(TARGET): with ROOST_UNITY_BUILD, the target's sources compile in batches of 8
# (one compiler run parses the common headers once for all of them). A source that cannot share a
# run (types of its anonymous namespace in class members, `using namespace` that clash) is marked
# SKIP_UNITY_BUILD_INCLUSION next to its target.
function(roost_batch_sources target)
  if(ROOST_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()

# roost_library(NAME SOURCES... DEPS ...): a module target roost::NAME with public headers in include/.
function(roost_library name)
  cmake_parse_arguments(arg "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(roost_${name} ${arg_SOURCES})
  add_library(roost::${name} ALIAS roost_${name})
  target_include_directories(roost_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(roost_${name} PUBLIC ${arg_PUBLIC_DEPS} PRIVATE ${arg_PRIVATE_DEPS})
  roost_warnings(roost_${name})
  roost_batch_sources(roost_${name})
endfunction()
