# Installs the console's npm packages from package-lock.json (cmake -P):
#
#   cmake -DWEB=<web folder> -DNPM=<npm> -DSTAMP=<file> -P npm_ci.cmake
#
# Runs `npm ci` unless node_modules already matches the lock file (npm's record of the install,
# node_modules/.package-lock.json, is newer than package-lock.json), so several build folders of one
# source tree install once. Touches STAMP when done.

foreach(var WEB NPM STAMP)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "npm_ci.cmake: -D${var}=... is required")
  endif()
endforeach()

set(lock "${WEB}/package-lock.json")
set(installed "${WEB}/node_modules/.package-lock.json")
if(EXISTS "${installed}" AND NOT "${lock}" IS_NEWER_THAN "${installed}")
  message(STATUS "console: npm packages are up to date")
else()
  message(STATUS "console: npm ci in ${WEB}")
  execute_process(COMMAND "${NPM}" ci --no-audit --no-fund
                  WORKING_DIRECTORY "${WEB}"
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "console: `npm ci` failed (${rc}); build without the console with -DROOST_CONSOLE=OFF")
  endif()
endif()
file(TOUCH "${STAMP}")
