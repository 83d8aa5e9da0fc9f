// The one translation unit that compiles Asio's implementation (BOOST_ASIO_SEPARATE_COMPILATION is
// defined for every source of this target), so the other sources only pay for declarations.
#include <boost/asio/impl/src.hpp>
