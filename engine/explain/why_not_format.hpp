// Why-not explanations for people (an indented outline) and tools (JSON, schema in
// docs/explanations.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "engine/explain/why_not.hpp"

namespace accord::engine {

std::string formatWhyNotText(const WhyNot& whyNot);
nlohmann::json whyNotToJson(const WhyNot& whyNot);

}  // namespace accord::engine
