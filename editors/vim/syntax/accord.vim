" Vim syntax file
" Language: Accord rules (*.rules, *.test.rules), both spellings (docs/language.md)

if exists('b:current_syntax')
  finish
endif

syntax case match

" Comments: `##` documents the next statement; `#`, `//` and `%` run to the line's end.
syntax match accordComment "#.*$" contains=accordAllow,@Spell
syntax match accordDocComment "##\(#\)\@!.*$" contains=@Spell
syntax match accordComment "//.*$" contains=@Spell
syntax match accordComment "%.*$" contains=@Spell
syntax match accordAllow "accord: allow\>.*$" contained

" Constants.
syntax region accordString start=+"+ skip=+\\\\\|\\"+ end=+"\|$+ contains=accordEscape oneline
syntax region accordQuotedSymbol start=+'+ skip=+\\\\\|\\'+ end=+'\|$+ contains=accordEscape oneline
syntax match accordEscape "\\[\\\"'nt]" contained
syntax match accordNumber "\<\d\+\(\.\d\+\)\=\([eE][-+]\=\d\+\)\=\>"
syntax match accordDate "\<\d\{4}-\d\{2}-\d\{2}\>"
syntax match accordConfidence "@\s*\d\+\(\.\d\+\)\="

" Names: variables are capitalised (or start with `_`), relations are followed by `(`.
syntax match accordVariable "\<[A-Z_][A-Za-z0-9_]*\>"
syntax match accordRelation "\<[a-z][A-Za-z0-9_]*\ze\s*("
syntax match accordFunction "\<\(abs\|min\|max\|year\|month\|day\|years_between\)\ze\s*("
syntax match accordAggregate "\<\(count\|sum\|min\|max\|mean\|avg\)\ze\s*{"

" Keywords.
syntax match accordStatement "\<\(relation\|fixed\|resolve\|threshold\|include\|rule\)\>\(\s*(\)\@!"
syntax keyword accordRuleKeyword if
syntax match accordRuleKeyword ":-"
syntax keyword accordLogical and or
syntax match accordLogical ";"
syntax match accordNegation "\<\(not\|no\)\>\(\s*[(,.)]\)\@!"
syntax match accordNegation "!\(=\)\@!"
syntax match accordQuantifier "\<for\s\+all\>\|\<forall\>"
syntax match accordAnnotation "\<\(source\|since\|until\|overrides\)\>\(\s*(\)\@!"
syntax match accordAnnotation "\<by\s\+default\>"
syntax keyword accordToday today
syntax keyword accordOperator mod
syntax match accordOperator "!=\|==\|<=\|>=\|->\|[=<>+*/-]"
syntax keyword accordType symbol string integer decimal date contained
syntax match accordColumnType ":\s*\zs\(symbol\|string\|integer\|decimal\|date\)\>"

" A model's tests (`accord test`, docs/testing.md).
syntax match accordTestKeyword "^\s*\zstest\>\(\s*(\)\@!"
syntax match accordTestName "\(^\s*test\s\+\)\@<=\(\"[^\"]*\"\|\w\+\)"
syntax match accordTestKeyword "\<as\s\+of\>"
syntax match accordTestKeyword "^\s*\zs\(given\|without\|expect\(\s\+not\|\s\+exactly\|\s\+needs\)\=\|row\)\>\(\s*(\)\@!"
syntax match accordTestKeyword "\<finds\>\(\s\+[-+]\|\s\+nothing\)\@="
syntax match accordTestKeyword "\<because\>"

highlight default link accordDocComment SpecialComment
highlight default link accordComment Comment
highlight default link accordAllow PreProc
highlight default link accordString String
highlight default link accordQuotedSymbol Constant
highlight default link accordEscape SpecialChar
highlight default link accordDate Number
highlight default link accordNumber Number
highlight default link accordConfidence Number
highlight default link accordVariable Identifier
highlight default link accordRelation Function
highlight default link accordFunction Function
highlight default link accordAggregate Function
highlight default link accordStatement Statement
highlight default link accordRuleKeyword Keyword
highlight default link accordLogical Operator
highlight default link accordNegation Operator
highlight default link accordQuantifier Repeat
highlight default link accordAnnotation Keyword
highlight default link accordToday Constant
highlight default link accordOperator Operator
highlight default link accordColumnType Type
highlight default link accordTestKeyword Keyword
highlight default link accordTestName Title

let b:current_syntax = 'accord'
