" Accord rule files and their tests. Vim's own detection calls *.rules Snort's (hog):
" this plugin is installed for Accord, so it takes the extension over, but not the files
" of a `rules.d` directory (udev's, polkit's), which are never Accord's.
autocmd BufNewFile,BufRead *.rules if expand('<afile>:p') !~# '/rules\.d/' | set filetype=accord | endif
