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
  target_include_directories(${name} PUBLIC "${GPC_SOURCE_DIR}")
  target_link_libraries(${name} PUBLIC ${ARG_LIBS} PRIVATE gpc_warnings)
  target_compile_definitions(${name} PUBLIC
    GPC_SOURCE_DIR="${GPC_SOURCE_DIR}" GPC_VERSION="${PROJECT_VERSION}")
endfunction()

# gpc_add_test(NAME DIR LIBS ...): one GoogleTest executable from every .cpp in DIR.
function(gpc_add_test name dir)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cpp")
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main gpc_warnings)
  target_compile_definitions(${name} PRIVATE
    GPC_SOURCE_DIR="${GPC_SOURCE_DIR}" GPC_SHARED_DIR="${GPC_SHARED_DIR}"
    GPC_BINARY_DIR="${CMAKE_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES TIMEOUT 300)
endfunction()
