// Options every `accord` command shares, set on the top-level command line.
#pragma once

#include <string>

namespace accord::cli {

enum class ColourMode { Auto, Always, Never };

struct GlobalOptions {
    int verbosity = 0;  ///< -v, -vv, -vvv
    bool quiet = false;
    ColourMode colour = ColourMode::Auto;
};

}  // namespace accord::cli
