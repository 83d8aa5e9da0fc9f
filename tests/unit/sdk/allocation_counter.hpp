#pragma once
// Counts calls of the global operator new while counting is on (allocation_counter.cpp replaces it
// for the whole binary that links it).

#include <cstddef>

namespace roost::sdk::test {

void start_counting_allocations();
// Stops counting; returns the allocations since start_counting_allocations().
std::size_t stop_counting_allocations();

}  // namespace roost::sdk::test
