# Source, shared and build paths reach the code through one generated header
# (gpc/build_paths.h), never through compile flags.
set(GPC_GENERATED_DIR "${CMAKE_BINARY_DIR}/generated")
configure_file("${CMAKE_CURRENT_LIST_DIR}/build_paths.h.in" "${GPC_GENERATED_DIR}/gpc/build_paths.h" @ONLY)

# gpc_add_library(NAME DIR [LIBS ...]): a static library from every .cpp below DIR.
# Globbing keeps each area's source list in the hands of whoever works in that area.
function(gpc_add_library name dir)
  cmake_parse_arguments(ARG "" "" "LIBS;EXCLUDE" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${dir}/*.cpp")
  foreach(ex IN LISTS ARG_EXCLUDE)
    list(FILTER sources EXCLUDE REGEX "${ex}")
  endforeach()
  if(NOT sources)
    # An area nobody has written yet still configures, so the others can build.
    set(sources "${CMAKE_CURRENT_BINARY_DIR}/${name}_empty.cpp")
    file(WRITE "${sources}" "// no sources yet\n")
  endif()
  add_library(${name} STATIC ${sources})
  target_include_directories(${name} PUBLIC "${GPC_SOURCE_DIR}" "${GPC_GENERATED_DIR}")
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} PRIVATE gpc_warnings)
endfunction()

# gpc_add_test(NAME DIR LIBS ...): one GoogleTest executable from every .cpp below DIR.
function(gpc_add_test name dir)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${dir}/*.cpp")
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main gpc_warnings)
  target_include_directories(${name} PRIVATE "${GPC_GENERATED_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()
