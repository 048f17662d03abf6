" Accord rule files and their tests. Vim's own detection calls *.rules Snort's (hog):
" this plugin is installed for Accord, so it takes the extension over.
autocmd BufNewFile,BufRead *.rules set filetype=accord
