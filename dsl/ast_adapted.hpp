// Fusion adaptation of the AST structs the grammar fills by plain attribute propagation.
// Only the members the parser produces are listed; positions are filled by on_success.
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "accord/dsl/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::Comparison, left, op, right)
BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::Column, name, type)
BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::ForAll, domain, consequent)
BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::Aggregate, op, elements, body)
BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::Call, function, arguments)
BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::RelationDecl, fixed, name, columns, value)
BOOST_FUSION_ADAPT_STRUCT(accord::dsl::ast::Resolution, relation, chains)
