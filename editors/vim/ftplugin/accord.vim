" Accord rule files: comments, word characters, and `accord fmt` for `gq`.
"
" Vim's own detection takes *.rules for Snort's (hog), whose ftplugin may run first and
" set b:did_ftplugin without undoing itself: this plugin keeps a guard of its own.
if exists('b:did_accord_ftplugin')
  finish
endif
let b:did_accord_ftplugin = 1
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:##,:#,://,:%
setlocal iskeyword=a-z,A-Z,48-57,_
setlocal formatprg=
setlocal formatexpr=AccordFormat()
silent! nunmap <buffer> ]]
silent! nunmap <buffer> [[
let b:undo_ftplugin = 'setlocal commentstring< comments< iskeyword< formatprg< formatexpr<'
      \ . ' | unlet! b:did_accord_ftplugin'

" `gq` formats the lines with `accord fmt`; when they do not parse on their own (part of
" a rule), they are left as they are and the error is shown, never put in the text.
if !exists('*AccordFormat')
  function AccordFormat() abort
    if mode() =~# '[iR]' || !executable('accord')
      return 1  " Vim's own formatting while typing, or without accord
    endif
    let l:last = v:lnum + v:count - 1
    let l:output = systemlist('accord fmt -', getline(v:lnum, l:last))
    if v:shell_error != 0
      echohl WarningMsg | echomsg 'accord fmt: ' . join(l:output, ' ') | echohl None
      return 0
    endif
    if l:output != getline(v:lnum, l:last)
      silent execute v:lnum . ',' . l:last . 'delete _'
      call append(v:lnum - 1, l:output)
    endif
    return 0
  endfunction
endif
