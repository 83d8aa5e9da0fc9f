// The one translation unit that compiles Beast's implementation (BOOST_BEAST_SEPARATE_COMPILATION
// is defined for every source of this target), so the other sources only pay for declarations.
#include <boost/beast/src.hpp>
