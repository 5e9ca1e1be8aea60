# bash completion for hexaglot(1): verbs, options, formats and files.
# Installed as share/bash-completion/completions/hexaglot.

_hexaglot_formats()
{
    # The writers (or readers) the installed binary has, from `stages`.
    "${COMP_WORDS[0]}" stages 2>/dev/null | awk -v k="$1" '$1 == k { print $2 }'
}

_hexaglot()
{
    local cur prev verb
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    verb=${COMP_WORDS[1]}

    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "convert batch align stages --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -t | --to)
            COMPREPLY=($(compgen -W "$(_hexaglot_formats writer)" -- "$cur"))
            return ;;
        -f | --from)
            COMPREPLY=($(compgen -W "$(_hexaglot_formats reader)" -- "$cur"))
            return ;;
        --diagnostics)
            COMPREPLY=($(compgen -W "text json" -- "$cur"))
            return ;;
        --segments)
            COMPREPLY=($(compgen -W "paragraph sentence" -- "$cur"))
            return ;;
        --original)
            COMPREPLY=($(compgen -W "ar en es fr ru zh" -- "$cur"))
            return ;;
        --accept)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        -o | --output)
            if [ "$verb" = batch ]; then
                COMPREPLY=($(compgen -d -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            return ;;
        --chain | --lang | -j | --jobs | --timeout | --max-memory)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        local opts="-o --output -v --verbose --diagnostics --help"
        case $verb in
            convert) opts="$opts -t --to -f --from --chain --lang --check --timeout --max-memory" ;;
            batch) opts="$opts -t --to -f --from --chain --lang -j --jobs --timeout --max-memory" ;;
            align) opts="$opts -f --from -t --to --check --original --accept --segments" ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    [ "$verb" = stages ] && return
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _hexaglot hexaglot
