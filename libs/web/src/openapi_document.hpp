#pragma once
// The OpenAPI 3.0 document of the native API: docs/openapi.json, compiled in at build time
// (libs/web/CMakeLists.txt generates openapi_document.cpp from openapi_document.cpp.in).

#include <string_view>

namespace roost::web {

// The document's JSON text, as the file has it.
std::string_view openapi_document();

}  // namespace roost::web
