// The one translation unit of the program that compiles Asio's implementation. Every target that
// uses Asio links roost::asio, which gives it BOOST_ASIO_SEPARATE_COMPILATION, so its sources only
// pay for declarations and one binary never mixes header-only and compiled Asio.
#include <boost/asio/impl/src.hpp>
