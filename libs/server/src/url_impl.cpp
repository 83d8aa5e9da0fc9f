// Boost.URL (request targets: http_translate.cpp), compiled here once instead of linked.
#include <boost/url/src.hpp>
