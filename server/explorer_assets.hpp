// The explorer's page, style and script (web/), embedded in the program at build time: the
// server never reads a file to answer a request.
#pragma once

#include <string_view>

namespace accord::server {

struct Asset {
    std::string_view path;  ///< "/", "/explorer.js"
    std::string_view contentType;
    std::string_view body;
};

/// Every file of the explorer, by the path it is served at.
const Asset* findAsset(std::string_view path);

}  // namespace accord::server
