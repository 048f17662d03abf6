// Loading a program: the files and directories a user names, and what they include.
//
// `include "other.rules"` is resolved relative to the including file. An include may
// not leave the directory tree the user named (the directory, or a named file's
// directory) unless LoadOptions::allowIncludeOutsideRoot; include cycles are errors;
// a file included twice is loaded once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord::dsl {

struct LoadOptions {
    bool allowIncludeOutsideRoot = false;
    bool followIncludes = true;  ///< false: includes are left to the caller (the knowledge base stores every file)
    std::uintmax_t maxFileBytes = 64ull << 20;  ///< larger files are refused, not read
    ParseLimits parseLimits;
    /// Text an editor holds unsaved, by the file's absolute, normal path: read instead of the
    /// file (the language server checks what is being typed).
    std::map<std::filesystem::path, std::string> unsaved;
};

/// Whether a path names a model's test file (`*.test.rules`, for `accord test`), which is
/// no part of the model.
bool isTestFile(const std::filesystem::path& path);

/// A path as the loader identifies its file: absolute, symbolic links resolved when it exists.
std::filesystem::path canonicalPath(const std::filesystem::path& path);

/// The largest fact file (`--facts`) or import file read: a larger one is refused before it
/// is read, with its size, so that memory stays bounded whatever file is named.
inline constexpr std::uintmax_t kMaxDataFileBytes = 256ull << 20;

/// Standard input as a file (`-`), read up to `maxBytes`.
inline constexpr const char* kStandardInput = "/dev/stdin";

/// Every file of a program, parsed, in load order (an included file before the rest of its includer's statements
/// matter to nobody: order only fixes the order of diagnostics and listings).
struct LoadedProgram {
    SourceManager sources;
    std::vector<ast::Program> files;
};

/// Every `*.rules` file below `directory` but its tests (`*.test.rules`), in name order.
std::vector<std::filesystem::path> rulesFilesUnder(const std::filesystem::path& directory, std::error_code& error);

/// Loads files and directories (every `*.rules` file below a directory, in name order).
/// Returns false when anything failed to load or parse; `program` then holds what did.
bool loadPaths(const std::vector<std::string>& paths, const LoadOptions& options, LoadedProgram& program, Diagnostics& diagnostics);

/// Loads rule text that is not a file (standard input, a test); includes resolve against
/// `directory`, which is also the root they may not leave.
bool loadText(const std::string& displayName, std::string text, const std::filesystem::path& directory, const LoadOptions& options,
              LoadedProgram& program, Diagnostics& diagnostics);

/// A rule file's text: the unsaved text an editor holds of it (`options.unsaved`), else the
/// file's contents (readFile).
bool readRuleSource(const std::filesystem::path& path, const LoadOptions& options, std::string& contents, std::string& error);

/// Reads a whole file, refusing directories and files over `maxBytes`; on failure returns false and sets `error`.
bool readFile(const std::filesystem::path& path, std::uintmax_t maxBytes, std::string& contents, std::string& error);

/// How much of a file readFileInBlocks reads at a time.
inline constexpr std::size_t kReadBlockBytes = 1 << 20;
/// readFile a block at a time, for data too large to be worth holding whole: `onBlock` gets
/// the file's bytes in order, in pieces of at most kReadBlockBytes, and returns false to
/// stop reading (which is no error). The same checks and errors; a file that fails may have
/// given some blocks.
bool readFileInBlocks(const std::filesystem::path& path, std::uintmax_t maxBytes, const std::function<bool(std::string_view)>& onBlock,
                      std::string& error);

}  // namespace accord::dsl
