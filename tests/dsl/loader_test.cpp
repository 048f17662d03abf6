// Loading files, directories and includes: relative resolution, cycles, escapes from the
// named tree, diamonds loaded once, and unreadable inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/loader.hpp"
#include "tests/support/temporary_directory.hpp"
#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

namespace fs = std::filesystem;

class LoaderTest : public TemporaryDirectoryTest {
protected:
    void write(const std::string& relative, const std::string& text) {
        fs::path path = directory_ / relative;
        fs::create_directories(path.parent_path());
        std::ofstream(path) << text;
    }

    std::vector<std::string> load(const std::vector<std::string>& relativePaths, dsl::LoadOptions options = {}) {
        std::vector<std::string> paths;
        for (const auto& relative : relativePaths) paths.push_back((directory_ / relative).string());
        program_ = dsl::LoadedProgram{};
        dsl::Diagnostics diagnostics;
        dsl::loadPaths(paths, options, program_, diagnostics);
        diagnostics.sortByPosition();
        return describe(diagnostics, program_.sources);
    }

    dsl::LoadedProgram program_;
};

TEST_F(LoaderTest, IncludesResolveRelativeToTheIncludingFile) {
    write("main.rules", "include \"sub/a.rules\".\np(X) if a(X).");
    write("sub/a.rules", "include \"b.rules\".\na(1).");
    write("sub/b.rules", "b(2).");
    EXPECT_EQ(load({"main.rules"}), std::vector<std::string>{});
    EXPECT_EQ(program_.files.size(), 3u);
}

TEST_F(LoaderTest, IncludeCycleIsAnError) {
    write("a.rules", "include \"b.rules\".\na(1).");
    write("b.rules", "include \"a.rules\".\nb(1).");
    auto diagnostics = load({"a.rules"});
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0], "1:1: error: include cycle: a.rules -> b.rules -> a.rules");
}

TEST_F(LoaderTest, SelfIncludeIsACycle) {
    write("a.rules", "include \"a.rules\".");
    auto diagnostics = load({"a.rules"});
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0], "1:1: error: include cycle: a.rules -> a.rules");
}

TEST_F(LoaderTest, DiamondIncludesLoadEachFileOnce) {
    write("main.rules", "include \"left.rules\".\ninclude \"right.rules\".");
    write("left.rules", "include \"shared.rules\".");
    write("right.rules", "include \"shared.rules\".");
    write("shared.rules", "relation s(x: symbol)\ns(a).");
    EXPECT_EQ(load({"main.rules"}), std::vector<std::string>{});
    EXPECT_EQ(program_.files.size(), 4u);
}

TEST_F(LoaderTest, IncludeMayNotLeaveTheNamedTree) {
    write("outside.rules", "o(1).");
    write("project/main.rules", "include \"../outside.rules\".");
    auto diagnostics = load({"project"});
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].substr(0, 57), "1:1: error: include '../outside.rules' leaves the directo");
    dsl::LoadOptions allow;
    allow.allowIncludeOutsideRoot = true;
    EXPECT_EQ(load({"project"}, allow), std::vector<std::string>{});
}

TEST_F(LoaderTest, SymlinkCannotSmuggleAnIncludeOut) {
    write("secret/s.rules", "s(1).");
    write("project/main.rules", "include \"link/s.rules\".");
    fs::create_directory_symlink(directory_ / "secret", directory_ / "project" / "link");
    auto diagnostics = load({"project/main.rules"});
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_NE(diagnostics[0].find("leaves the directory"), std::string::npos);
}

TEST_F(LoaderTest, AnIncludedFileIsNamedAsReachedNotByWhereALinkPoints) {
    write("real/model/main.rules", "include \"parts/votes.rules\".");
    write("real/model/parts/votes.rules", "v(1).");
    fs::create_directory_symlink(directory_ / "real" / "model", directory_ / "linked");
    EXPECT_EQ(load({"linked/main.rules"}), std::vector<std::string>{});
    ASSERT_EQ(program_.files.size(), 2u);
    EXPECT_EQ(program_.sources.file(1).name(), (directory_ / "linked" / "parts" / "votes.rules").string());
}

TEST_F(LoaderTest, DirectoriesLoadEveryRulesFileOnceInNameOrder) {
    write("d/b.rules", "include \"a.rules\".\nb(1).");
    write("d/a.rules", "a(1).");
    write("d/notes.txt", "not rules");
    write("d/nested/c.rules", "c(1).");
    EXPECT_EQ(load({"d", "d/a.rules"}), std::vector<std::string>{});
    ASSERT_EQ(program_.files.size(), 3u);
    EXPECT_NE(program_.sources.file(0).name().find("a.rules"), std::string::npos);
}

TEST_F(LoaderTest, MissingFilesAndDirectoriesAreClearErrors) {
    write("main.rules", "include \"gone.rules\".");
    fs::create_directories(directory_ / "folder.rules");
    auto diagnostics = load({"missing.rules", "main.rules"});
    ASSERT_EQ(diagnostics.size(), 2u);
    EXPECT_EQ(diagnostics[0], (directory_ / "missing.rules").string() + ": error: no such file");
    EXPECT_EQ(diagnostics[1], "1:1: error: cannot include 'gone.rules': no such file");
    write("inc.rules", "include \"folder.rules\".");
    auto directory = load({"inc.rules"});
    ASSERT_EQ(directory.size(), 1u);
    EXPECT_EQ(directory[0], "1:1: error: cannot include 'folder.rules': is a directory, not a rule file");
}

TEST_F(LoaderTest, OversizedFilesAreRefusedBeforeReading) {
    write("big.rules", std::string(4096, '#'));
    dsl::LoadOptions small;
    small.maxFileBytes = 1024;
    auto diagnostics = load({"big.rules"}, small);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_NE(diagnostics[0].find("file is too large (4096 bytes; the limit is 1024 bytes)"), std::string::npos);
}

TEST_F(LoaderTest, ChecksSeeEveryLoadedFile) {
    write("decl.rules", "relation ally(name: symbol)");
    write("facts.rules", "include \"decl.rules\".\nally(1).");
    std::vector<std::string> paths{(directory_ / "facts.rules").string()};
    dsl::LoadedProgram program;
    dsl::Diagnostics diagnostics;
    ASSERT_TRUE(dsl::loadPaths(paths, {}, program, diagnostics));
    EXPECT_FALSE(dsl::checkProgram(program, diagnostics).has_value());
    auto lines = describe(diagnostics, program.sources);
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_EQ(lines[0], "2:6: error: type mismatch: column 'name' of 'ally' is symbol, but 1 is integer");
}

}  // namespace
}  // namespace accord::testing
