// libFuzzer entry point: see fuzz_checks.hpp (checkRules) and scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    accord::fuzz::checkRules({reinterpret_cast<const char*>(data), size});
    return 0;
}
