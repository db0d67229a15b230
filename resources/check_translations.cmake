# Fails when a translation is unfinished: runs lupdate over the translated sources into a copy of
# the .ts file (so that strings added to the code but not yet to the .ts count too) and looks for
# unfinished or empty translations.
# cmake -DLUPDATE=<lupdate> -DTS=<file.ts> -DSOURCES=<a;b;c> -DINCLUDES=<d;e> -DWORK=<dir>
#       -P check_translations.cmake
get_filename_component(name "${TS}" NAME)
set(copy "${WORK}/${name}")
file(MAKE_DIRECTORY "${WORK}")
file(COPY_FILE "${TS}" "${copy}")
set(include_flags)
foreach(dir IN LISTS INCLUDES)
    list(APPEND include_flags "-I${dir}")
endforeach()
execute_process(
    COMMAND "${LUPDATE}" -silent -no-obsolete -locations none ${include_flags} ${SOURCES} -ts "${copy}"
    RESULT_VARIABLE result
    OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "lupdate failed (${result}):\n${output}")
endif()
file(READ "${copy}" ts)
string(REGEX MATCHALL "<source>[^<]*</source>[ \n\r\t]*(<comment>[^<]*</comment>[ \n\r\t]*)?<translation type=\"unfinished\"" unfinished "${ts}")
string(REGEX MATCHALL "<translation></translation>" empty "${ts}")
list(LENGTH unfinished unfinished_count)
list(LENGTH empty empty_count)
if(unfinished_count GREATER 0 OR empty_count GREATER 0)
    set(list "")
    foreach(entry IN LISTS unfinished)
        string(REGEX REPLACE "<source>([^<]*)</source>.*" "\\1" text "${entry}")
        string(APPEND list "  ${text}\n")
    endforeach()
    message(FATAL_ERROR "${name}: ${unfinished_count} unfinished and ${empty_count} empty "
                        "translations; run the update_translations target and translate:\n${list}")
endif()
message(STATUS "${name}: every string translated")
