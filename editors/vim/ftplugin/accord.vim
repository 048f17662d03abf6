" Accord rule files: comments, and `accord fmt` as the formatter (gq).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:##,:#,://,:%
setlocal iskeyword=a-z,A-Z,48-57,_
if executable('accord')
  setlocal formatprg=accord\ fmt\ -
endif
let b:undo_ftplugin = 'setlocal commentstring< comments< iskeyword< formatprg<'
