# styr_embed(OUTPUT file.cpp BASE dir FILES a b ... [ENTRIES name=path ...])
# Generates a C++ source that holds the given files as byte arrays, reachable through
# styr/resources.hpp under their path relative to BASE. ENTRIES adds files from elsewhere
# under names of their own. Regenerated when any file changes.
function(styr_embed)
  cmake_parse_arguments(ARG "" "OUTPUT;BASE;PREFIX" "FILES;ENTRIES" ${ARGN})
  set(list_file "${ARG_OUTPUT}.files")
  set(entries "")
  foreach(f IN LISTS ARG_FILES)
    file(RELATIVE_PATH rel "${ARG_BASE}" "${f}")
    list(APPEND entries "${ARG_PREFIX}${rel}=${f}")
  endforeach()
  foreach(e IN LISTS ARG_ENTRIES)
    list(APPEND entries "${e}")
    string(REGEX REPLACE "^[^=]*=" "" path "${e}")
    list(APPEND ARG_FILES "${path}")
  endforeach()
  string(REPLACE ";" "\n" entries_text "${entries}")
  file(GENERATE OUTPUT "${list_file}" CONTENT "${entries_text}\n")
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND ${CMAKE_COMMAND} -DLIST=${list_file} -DOUTPUT=${ARG_OUTPUT}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedGenerate.cmake"
    DEPENDS ${ARG_FILES} "${list_file}" "${PROJECT_SOURCE_DIR}/cmake/EmbedGenerate.cmake"
    COMMENT "Embedding ${ARG_PREFIX} resources"
    VERBATIM)
endfunction()
