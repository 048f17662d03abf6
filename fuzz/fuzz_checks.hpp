// What the fuzzers check, as plain functions: each takes one input, runs a part of Accord
// on it and aborts (after printing why) when a property fails; crashes, leaks and
// undefined behaviour are the sanitizers' to catch. The libFuzzer entry points in this
// folder call them, and tests/fuzz/fuzz_regressions_test.cpp replays every input kept in
// fuzz/regressions/ (and the seed corpora) through them in the ordinary test builds.
#pragma once

#include <string_view>

namespace accord::fuzz {

/// Rule text: parse, check and compile it, render every diagnostic; when it parses, the
/// formatter's output (both spellings) must parse back to the same program.
void checkRules(std::string_view input);

/// Rows to import (first byte: `c` CSV, `j` JSON, anything else tab-separated) into a
/// relation with a column of each type, and the same text as facts to `accord assert`:
/// all or nothing, never a crash.
void checkFactImport(std::string_view input);

/// The whole pipeline: load the program (or, for input `seed:N`, a generated stratified
/// program), run it under small limits, query every relation, and explain some of its
/// facts (why, why-not) as text and JSON.
void checkPipeline(std::string_view input);

}  // namespace accord::fuzz
