// Replays, in the ordinary test builds, every input the fuzzers ever crashed on (kept in
// fuzz/regressions/TARGET/) and their seed corpora, through the same checks the fuzzers
// run (fuzz/fuzz_checks.hpp): a fixed bug stays fixed without clang or libFuzzer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "fuzz/fuzz_checks.hpp"

namespace accord::testing {
namespace {

namespace fs = std::filesystem;

std::string contentsOf(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// Every regular file below `folder` of the repository (none when it does not exist).
std::vector<fs::path> filesUnder(const std::string& folder, const std::string& extension = "") {
    std::vector<fs::path> files;
    fs::path root = fs::path(ACCORD_SOURCE_DIR) / folder;
    std::error_code error;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file() && (extension.empty() || it->path().extension() == extension) && it->path().filename() != "README.md") {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::size_t replay(const std::vector<fs::path>& files, const std::function<void(std::string_view)>& check) {
    for (const fs::path& file : files) {
        SCOPED_TRACE(file.string());
        check(contentsOf(file));
    }
    return files.size();
}

TEST(FuzzRegressions, RulesTarget) {
    replay(filesUnder("fuzz/regressions/rules"), fuzz::checkRules);
    EXPECT_GT(replay(filesUnder("rules", ".rules"), fuzz::checkRules) + replay(filesUnder("examples", ".rules"), fuzz::checkRules), 5u);
}

TEST(FuzzRegressions, FactImportTarget) {
    replay(filesUnder("fuzz/regressions/fact_import"), fuzz::checkFactImport);
    EXPECT_GT(replay(filesUnder("fuzz/corpus/fact_import"), fuzz::checkFactImport), 3u);
}

TEST(FuzzRegressions, PipelineTarget) {
    replay(filesUnder("fuzz/regressions/pipeline"), fuzz::checkPipeline);
    replay(filesUnder("rules", ".rules"), fuzz::checkPipeline);
    for (int seed = 1; seed <= 20; ++seed) fuzz::checkPipeline("seed:" + std::to_string(seed));
}

}  // namespace
}  // namespace accord::testing
