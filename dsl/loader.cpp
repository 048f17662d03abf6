// File loading and include resolution (see loader.hpp).
#include "accord/dsl/loader.hpp"
#include "accord/dsl/lint/lint_names.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace accord::dsl {
namespace fs = std::filesystem;
namespace {

/// State of one load: what is loaded, and the chain of files being included right now.
class Loader {
public:
    Loader(const LoadOptions& options, LoadedProgram& program, Diagnostics& diagnostics)
        : options_(options), program_(program), diagnostics_(diagnostics) {}

    bool loadFile(const fs::path& path, const fs::path& root) {
        if (loaded_.count(canonicalOf(path))) return true;  // named twice, or already included
        std::string contents, error;
        if (!readRuleSource(path, options_, contents, error)) {
            diagnostics_.fileError(path.string(), error);
            return false;
        }
        return loadContents(path.string(), std::move(contents), canonicalOf(path), root);
    }

    bool loadContents(const std::string& displayName, std::string contents, const fs::path& identity, const fs::path& root) {
        if (!identity.empty()) loaded_.insert(identity);
        FileId file = program_.sources.add(displayName, std::move(contents));
        spdlog::debug("parsing {}", displayName);
        auto parsed = parseProgram(program_.sources, file, diagnostics_, options_.parseLimits);
        if (!parsed) return false;
        ast::Program syntax = std::move(*parsed);
        stack_.push_back(identity);
        bool ok = true;
        fs::path directory = identity.empty() ? root : identity.parent_path();
        for (const ast::Statement& statement : syntax.statements) {
            if (!options_.followIncludes) break;
            if (const auto* include = boost::get<ast::Include>(&statement)) {
                ok = loadInclude(*include, directory, fs::path(displayName).parent_path(), root) && ok;
            }
        }
        stack_.pop_back();
        program_.files.push_back(std::move(syntax));
        return ok;
    }

    static fs::path canonicalOf(const fs::path& path) { return canonicalPath(path); }

private:
    /// `directory` is the including file's real directory; `shownDirectory` the one its
    /// name was shown with, so that an included file is shown as the user would reach it
    /// (`rules/nato/votes.rules`, not the target of a symbolic link).
    bool loadInclude(const ast::Include& include, const fs::path& directory, const fs::path& shownDirectory, const fs::path& root) {
        fs::path target = canonicalOf(directory / include.path);
        if (include.path.empty()) {
            diagnostics_.error(include.span, "include path is empty");
            return false;
        }
        if (!options_.allowIncludeOutsideRoot && !isWithin(target, root)) {
            diagnostics_.error(include.span, fmt::format("include '{}' leaves the directory '{}'", include.path, root.string()),
                               "includes stay inside the tree you named; pass --allow-include-outside to permit this");
            return false;
        }
        if (auto onStack = std::find(stack_.begin(), stack_.end(), target); onStack != stack_.end()) {
            std::string cycle;
            for (auto it = onStack; it != stack_.end(); ++it) cycle += it->filename().string() + " -> ";
            diagnostics_.error(include.span, "include cycle: " + cycle + target.filename().string());
            return false;
        }
        if (loaded_.count(target)) return true;  // already loaded through another include
        std::string contents, error;
        if (!readRuleSource(target, options_, contents, error)) {
            diagnostics_.error(include.span, fmt::format("cannot include '{}': {}", include.path, error));
            return false;
        }
        return loadContents((shownDirectory / include.path).lexically_normal().string(), std::move(contents), target, root);
    }

    static bool isWithin(const fs::path& path, const fs::path& root) {
        auto [rootEnd, pathIt] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
        return rootEnd == root.end();
    }

    const LoadOptions& options_;
    LoadedProgram& program_;
    Diagnostics& diagnostics_;
    std::set<fs::path> loaded_;
    std::vector<fs::path> stack_;
};

}  // namespace

bool isTestFile(const fs::path& path) { return path.filename().string().ends_with(".test.rules"); }

bool readRuleSource(const fs::path& path, const LoadOptions& options, std::string& contents, std::string& error) {
    if (auto it = options.unsaved.find(canonicalPath(path)); it != options.unsaved.end()) {
        contents = it->second;
        return true;
    }
    return readFile(path, options.maxFileBytes, contents, error);
}

fs::path canonicalPath(const fs::path& path) {
    std::error_code error;
    fs::path absolute = fs::absolute(path, error);  // fails for "", which then names no file
    if (error) return path.lexically_normal();
    fs::path canonical = fs::weakly_canonical(absolute, error);
    return error ? absolute.lexically_normal() : canonical;
}

std::vector<fs::path> rulesFilesUnder(const fs::path& directory, std::error_code& error) {
    std::vector<fs::path> files;
    for (fs::recursive_directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
        // A model's tests (`*.test.rules`, for `accord test`) are no part of it.
        if (it->is_regular_file() && it->path().extension() == ".rules" && !isTestFile(it->path())) files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

bool readFileInBlocks(const fs::path& path, std::uintmax_t maxBytes, const std::function<bool(std::string_view)>& onBlock,
                      std::string& error) {
    std::error_code code;
    auto status = fs::status(path, code);
    if (code || !fs::exists(status)) {
        error = "no such file";
        return false;
    }
    if (fs::is_directory(status)) {
        error = "is a directory, not a rule file";
        return false;
    }
    std::uintmax_t size = fs::is_regular_file(status) ? fs::file_size(path, code) : 0;
    if (!code && size > maxBytes) {
        error = fmt::format("file is too large ({} bytes; the limit is {} bytes)", size, maxBytes);
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open file (permission denied?)";
        return false;
    }
    // A rule file of a few kilobytes gets a buffer its size, not a block zeroed for each file.
    std::vector<char> buffer(fs::is_regular_file(status) && !code ? std::min<std::uintmax_t>(kReadBlockBytes, size + 1) : kReadBlockBytes);
    std::uintmax_t read = 0;
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
        read += static_cast<std::uintmax_t>(in.gcount());
        if (read > maxBytes) {  // a pipe, or a file that grew since
            error = fmt::format("file is too large (over the limit of {} bytes)", maxBytes);
            return false;
        }
        if (!onBlock(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())))) return true;
    }
    if (in.bad()) {
        error = "read error";
        return false;
    }
    return true;
}

bool readFile(const fs::path& path, std::uintmax_t maxBytes, std::string& contents, std::string& error) {
    contents.clear();
    return readFileInBlocks(
        path, maxBytes,
        [&](std::string_view block) {
            contents.append(block);
            return true;
        },
        error);
}

bool loadPaths(const std::vector<std::string>& paths, const LoadOptions& options, LoadedProgram& program, Diagnostics& diagnostics) {
    Loader loader(options, program, diagnostics);
    bool ok = true;
    for (const std::string& name : paths) {
        fs::path path(name);
        std::error_code error;
        if (fs::is_directory(path, error)) {
            fs::path root = Loader::canonicalOf(path);
            std::vector<fs::path> files = rulesFilesUnder(path, error);
            if (error) {
                diagnostics.fileError(name, "cannot read directory: " + error.message());
                ok = false;
            } else if (files.empty()) {
                diagnostics.fileWarning(name, "directory has no .rules files").code = lint::kEmptyDirectory;
            }
            for (const fs::path& file : files) ok = loader.loadFile(file, root) && ok;
        } else if (isTestFile(path)) {
            diagnostics.fileError(name, "this is a model's test file, not rule text", "`accord test` runs it (docs/testing.md)");
            ok = false;
        } else {
            ok = loader.loadFile(path, Loader::canonicalOf(path).parent_path()) && ok;
        }
    }
    return ok;
}

bool loadText(const std::string& displayName, std::string text, const fs::path& directory, const LoadOptions& options,
              LoadedProgram& program, Diagnostics& diagnostics) {
    Loader loader(options, program, diagnostics);
    return loader.loadContents(displayName, std::move(text), {}, Loader::canonicalOf(directory));
}

}  // namespace accord::dsl
