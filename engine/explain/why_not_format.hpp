// Why-not explanations for people (an indented outline) and tools (JSON, schema in
// docs/explanations.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/explain/why_not.hpp"

namespace accord::engine {

std::string formatWhyNotText(const WhyNot& whyNot);
nlohmann::json whyNotToJson(const WhyNot& whyNot);

/// Why a key (`vote(turkey, rutte)`, written as `keyText`) has the value it has and not each
/// other value the rules, facts and resolution name: the text `accord why-not` prints.
/// `held`: the value it has, as text ("" when it has none); `description`: what the answer
/// is from ("as of 2024-06-19").
std::string formatKeyValuesText(const std::string& keyText, const std::string& held, const std::vector<WhyNot>& others,
                                const std::string& description);
/// The same as the fields `key`, `value` (null when none) and `values` of its JSON document.
nlohmann::ordered_json keyValuesJson(const std::string& keyText, const std::string& held, const std::vector<WhyNot>& others);

}  // namespace accord::engine
