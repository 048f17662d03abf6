" Loads editors/vim as a plugin, opens a sample in both spellings and a test file, and
" writes, for each expectation, the syntax group Vim gives the text (run_editor_tests.sh).
set rtp^=editors/vim
filetype plugin on
syntax on
let s:results = []

function! s:Expect(pattern, offset, group) abort
  let l:line = search(a:pattern, 'cw')
  if l:line == 0
    call add(s:results, 'missing ' . a:pattern)
    return
  endif
  let l:col = match(getline(l:line), a:pattern) + 1 + a:offset
  let l:actual = synIDattr(synID(l:line, l:col, 1), 'name')
  call add(s:results, (l:actual ==# a:group ? 'ok ' : 'FAIL ') . a:pattern . ': expected ' . a:group . ', got ' . l:actual)
endfunction

edit tests/editors/sample.rules
call add(s:results, 'filetype ' . &filetype)
call s:Expect('## An ally', 0, 'accordDocComment')
call s:Expect('fixed relation', 0, 'accordStatement')
call s:Expect('symbol,', 0, 'accordColumnType')
call s:Expect('vote(A', 0, 'accordRelation')
call s:Expect('A, C) = block', 0, 'accordVariable')
call s:Expect('if candidate', 0, 'accordRuleKeyword')
call s:Expect('not eu_bias', 0, 'accordNegation')
call s:Expect('"Bloomberg', 0, 'accordString')
call s:Expect('2024-02-22', 0, 'accordDate')
call s:Expect('@0.9', 0, 'accordConfidence')
call s:Expect('count {', 0, 'accordAggregate')
call s:Expect('years_between(', 0, 'accordFunction')
call s:Expect(':- ally', 0, 'accordRuleKeyword')
call s:Expect('!eu_bias', 0, 'accordNegation')
call s:Expect('% no', 0, 'accordComment')
call s:Expect('# accord: allow', 2, 'accordAllow')
call s:Expect('### banner', 0, 'accordComment')
call s:Expect('fixed(x)', 0, 'accordRelation')
call s:Expect('1.5e-3', 0, 'accordNumber')
call add(s:results, (&commentstring ==# '# %s' ? 'ok' : 'FAIL') . ' commentstring is ' . &commentstring)
call add(s:results, (&formatexpr ==# 'AccordFormat()' ? 'ok' : 'FAIL') . ' formatexpr is ' . &formatexpr)
edit tests/editors/sample.test.rules
call s:Expect('test turkey', 0, 'accordTestKeyword')
call s:Expect('"Romania blocks"', 0, 'accordTestName')
call s:Expect('expect vote', 0, 'accordTestKeyword')
call s:Expect('given assurance', 0, 'accordTestKeyword')
call writefile(s:results, $ACCORD_VIM_RESULTS)
qall!
