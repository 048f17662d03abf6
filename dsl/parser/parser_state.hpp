// What the grammar's semantic actions and handlers can reach while parsing one file:
// the start of the text (to turn iterators into offsets), the file id, and the
// diagnostics list (literals report out-of-range values without stopping the parse).
// Injected with x3::with<state_tag>, as example/x3/annotation.cpp injects its position cache.
#pragma once

#include <cstdint>
#include <functional>
#include <type_traits>

#include <boost/spirit/home/x3.hpp>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::parser {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

struct ParserState {
    iterator_type begin;
    FileId file;
    Diagnostics& diagnostics;
    std::size_t maxDepth;  ///< deepest nesting of terms and conditions allowed
    std::size_t depth = 0;  ///< current nesting

    /// The span of [first, last), less the whitespace X3 skipped after the last token.
    SourceSpan span(iterator_type first, iterator_type last) const {
        while (last > first && (last[-1] == ' ' || last[-1] == '\t' || last[-1] == '\n' || last[-1] == '\r')) --last;
        return {file, static_cast<std::uint32_t>(first - begin), static_cast<std::uint32_t>(last - begin)};
    }
};

struct state_tag;

template <typename Context>
ParserState& stateOf(const Context& context) {
    return x3::get<state_tag>(context).get();
}

/// Mixed into rule IDs: records the matched range in every Located node.
/// Nodes that are not Located (variants, strings) are left alone; storing the span in the
/// node itself means no diagnostic can ever look up a missing position (calc9's crash).
struct annotate_span {
    template <typename Iterator, typename Attribute, typename Context>
    void on_success(const Iterator& first, const Iterator& last, Attribute& attribute, const Context& context) const {
        if constexpr (std::is_base_of_v<ast::Located, Attribute>) {
            attribute.span = stateOf(context).span(first, last);
        }
    }
};

/// Thrown when input nests deeper than ParserState::maxDepth; caught by the driver,
/// which reports it. Keeps `((((...` from overflowing the stack.
struct NestingTooDeep {
    iterator_type where;
};

/// `depth_guard[p]` parses p one nesting level deeper, or throws NestingTooDeep.
template <typename Subject>
struct depth_guard_directive : x3::unary_parser<Subject, depth_guard_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, depth_guard_directive<Subject>>;
    static bool const is_pass_through_unary = true;

    constexpr depth_guard_directive(const Subject& subject) : base_type(subject) {}

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, const Iterator& last, const Context& context, RContext& rcontext, Attribute& attribute) const {
        ParserState& state = stateOf(context);
        if (state.depth >= state.maxDepth) throw NestingTooDeep{first};
        ++state.depth;
        struct Leave {
            ParserState& state;
            ~Leave() { --state.depth; }
        } leave{state};
        return this->subject.parse(first, last, context, rcontext, attribute);
    }
};

struct depth_guard_gen {
    template <typename Subject>
    constexpr depth_guard_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};

inline constexpr depth_guard_gen depth_guard{};

/// Sets the span of a node built by semantic actions. (X3 calls on_success with an unused
/// attribute for rules whose definition has actions, so annotate_span cannot see them.)
template <typename T>
void setSpan(T& node, SourceSpan span) {
    if constexpr (std::is_base_of_v<ast::Located, T>) {
        node.span = span;
    } else if constexpr (std::is_same_v<T, ast::Expr>) {
        boost::apply_visitor([&](auto& alternative) { setSpan(alternative, span); }, node);
    } else if constexpr (requires { node.get(); }) {
        setSpan(node.get(), span);  // x3::forward_ast<T>
    }
}

/// `located[p]` parses p and records the matched range in the enclosing rule's value.
template <typename Subject>
struct located_directive : x3::unary_parser<Subject, located_directive<Subject>> {
    using base_type = x3::unary_parser<Subject, located_directive<Subject>>;
    static bool const is_pass_through_unary = true;

    constexpr located_directive(const Subject& subject) : base_type(subject) {}

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, const Iterator& last, const Context& context, RContext& rcontext, Attribute& attribute) const {
        x3::skip_over(first, last, context);
        Iterator const start = first;
        if (!this->subject.parse(first, last, context, rcontext, attribute)) return false;
        setSpan(rcontext, stateOf(context).span(start, first));
        return true;
    }
};

struct located_gen {
    template <typename Subject>
    constexpr located_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](const Subject& subject) const {
        return {x3::as_parser(subject)};
    }
};

inline constexpr located_gen located{};

}  // namespace accord::dsl::parser
