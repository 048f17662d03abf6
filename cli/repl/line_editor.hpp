// Line editing for `accord repl`: libedit's readline interface (BSD-licensed), with history
// kept in a file and tab completion of the words a session knows (its commands, relations).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accord::cli {

class LineEditor {
public:
    /// The words that may complete the word under the cursor, asked for at each tab.
    using Words = std::function<std::vector<std::string>()>;

    /// Editing and history only when standard input is a terminal; otherwise lines are read
    /// as they come (a script piped in), with no prompt and no history.
    LineEditor(std::string historyPath, Words words);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    bool interactive() const { return interactive_; }
    /// The next line, without its newline; nullopt at the end of input.
    std::optional<std::string> readLine(const char* prompt);

    /// The completions of `prefix` among `words`, sorted, without duplicates.
    static std::vector<std::string> completions(const std::string& prefix, std::vector<std::string> words);

private:
    std::string historyPath_;
    bool interactive_ = false;
};

}  // namespace accord::cli
