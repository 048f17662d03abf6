#include "accord/dsl/format_source.hpp"

#include "accord/dsl/ast_dump.hpp"
#include "accord/dsl/parser/parse.hpp"

namespace accord::dsl {

std::optional<std::string> formatSource(SourceManager& sources, FileId file, const PrintOptions& print, Diagnostics& diagnostics) {
    auto program = parseProgram(sources, file, diagnostics);
    if (!program) return std::nullopt;
    std::string formatted = formatProgram(*program, sources.file(file).contents(), print);

    Diagnostics reparseDiagnostics;
    FileId again = sources.add(sources.file(file).name() + " (formatted)", formatted);
    auto reparsed = parseProgram(sources, again, reparseDiagnostics);
    if (!reparsed || dump(*reparsed) != dump(*program)) {
        diagnostics.fileError(sources.file(file).name(), "internal error: the formatted text does not mean the same; file left as it is",
                              "please report this with the file");
        return std::nullopt;
    }
    return formatted;
}

}  // namespace accord::dsl
