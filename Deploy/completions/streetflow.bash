#!/bin/bash

__streetflow_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__streetflow_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__streetflow_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__streetflow_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_streetflow() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    submit|show|list|queue|act|actions|inbox|urge|comment|attach|attachments|attachment|assign|watch|workflows|describe|graph|validate|lists|register|rollout|audit|status|export|admin|whoami|calendar|report|print|help)
        # Offer subcommand argument completions
        "_streetflow_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'submit show list queue act actions inbox urge comment attach attachments attachment assign watch workflows describe graph validate lists register rollout audit status export admin whoami calendar report print help' -- "${cur}"))
        ;;
    esac
}

_streetflow_submit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--attach)
    non_repeating_options=(--from --comment --idempotency-key --lang --socket)
    __streetflow_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--from')
        return
        ;;
    '--comment')
        return
        ;;
    '--idempotency-key')
        return
        ;;
    '--attach')
        __streetflow_add_completions -f
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion submit -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    *)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion submit -- positional@1 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_show() {
    repeating_flags=()
    non_repeating_flags=(--all-history --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion show -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_list() {
    repeating_flags=()
    non_repeating_flags=(--mine --overdue --all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workflow --state --committee --department --since --until --text --limit --cursor --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workflow')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion list -- --workflow "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--state')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion list -- --state "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--committee')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion list -- --committee "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--department')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--text')
        return
        ;;
    '--limit')
        return
        ;;
    '--cursor')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_queue() {
    repeating_flags=()
    non_repeating_flags=(--overdue --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--workflow --state --committee --department --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--workflow')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion queue -- --workflow "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--state')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion queue -- --state "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--committee')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion queue -- --committee "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--department')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_act() {
    repeating_flags=()
    non_repeating_flags=(--all-in-queue --overdue --yes --dry-run --json --version -h --help)
    repeating_options=(--field --attach --cc)
    non_repeating_options=(--comment --expected-version --idempotency-key --workflow --committee --lang --socket)
    __streetflow_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--comment')
        return
        ;;
    '--field')
        return
        ;;
    '--expected-version')
        return
        ;;
    '--idempotency-key')
        return
        ;;
    '--workflow')
        return
        ;;
    '--committee')
        return
        ;;
    '--attach')
        __streetflow_add_completions -f
        return
        ;;
    '--cc')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion act -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    *)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion act -- positional@2 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_actions() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_inbox() {
    repeating_flags=()
    non_repeating_flags=(--all --brief --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_urge() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--comment --lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--comment')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion urge -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_comment() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--comment --lang --socket)
    __streetflow_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--comment')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion comment -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_attach() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--comment --lang --socket)
    __streetflow_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--comment')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion attach -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    *)
        __streetflow_add_completions -f
        return
        ;;
    esac
}

_streetflow_attachments() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion attachments -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_attachment() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    get)
        # Offer subcommand argument completions
        "_streetflow_attachment_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'get' -- "${cur}"))
        ;;
    esac
}

_streetflow_attachment_get() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(-o --output --lang --socket)
    __streetflow_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-o'|'--output')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion attachment get -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_assign() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--expected-version --lang --socket)
    __streetflow_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--expected-version')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion assign -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_watch() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--follow --count --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--follow')
        return
        ;;
    '--count')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_workflows() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_describe() {
    repeating_flags=()
    non_repeating_flags=(--keys --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--version --lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--version')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_graph() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        __streetflow_add_completions -W 'mermaid'$'\n''dot'$'\n''svg'
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_validate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_lists() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|show|diff)
        # Offer subcommand argument completions
        "_streetflow_lists_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check show diff' -- "${cur}"))
        ;;
    esac
}

_streetflow_lists_check() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_lists_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_lists_diff() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_register() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|add)
        # Offer subcommand argument completions
        "_streetflow_register_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show add' -- "${cur}"))
        ;;
    esac
}

_streetflow_register_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_register_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--comment --lang --socket)
    __streetflow_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--comment')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_rollout() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status)
        # Offer subcommand argument completions
        "_streetflow_rollout_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status' -- "${cur}"))
        ;;
    esac
}

_streetflow_rollout_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_audit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    verify|checkpoint)
        # Offer subcommand argument completions
        "_streetflow_audit_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'verify checkpoint' -- "${cur}"))
        ;;
    esac
}

_streetflow_audit_verify() {
    repeating_flags=()
    non_repeating_flags=(--json --journal --version -h --help)
    repeating_options=(--checkpoint)
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    '--checkpoint')
        return
        ;;
    esac
}

_streetflow_audit_checkpoint() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_export() {
    repeating_flags=()
    non_repeating_flags=(--overdue --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --output -o --workflow --state --committee --department --since --until --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format')
        __streetflow_add_completions -W 'csv'$'\n''json'
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--workflow')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion export -- --workflow "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--state')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion export -- --state "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--committee')
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion export -- --committee "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    '--department')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_admin() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    backup|reload|migrate|migrate-store|clock|notify)
        # Offer subcommand argument completions
        "_streetflow_admin_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'backup reload migrate migrate-store clock notify' -- "${cur}"))
        ;;
    esac
}

_streetflow_admin_backup() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_admin_reload() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_admin_migrate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_admin_migrate-store() {
    repeating_flags=()
    non_repeating_flags=(--merge --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--to --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--to')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_admin_clock() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_admin_notify() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status)
        # Offer subcommand argument completions
        "_streetflow_admin_notify_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status' -- "${cur}"))
        ;;
    esac
}

_streetflow_admin_notify_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--config --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_whoami() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_calendar() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add-working-days|is-working-day|coverage|import)
        # Offer subcommand argument completions
        "_streetflow_calendar_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add-working-days is-working-day coverage import' -- "${cur}"))
        ;;
    esac
}

_streetflow_calendar_add-working-days() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_calendar_is-working-day() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_calendar_coverage() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_calendar_import() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_report() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    programme|admissions|overdue)
        # Offer subcommand argument completions
        "_streetflow_report_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'programme admissions overdue' -- "${cur}"))
        ;;
    esac
}

_streetflow_report_programme() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--at --output -o --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--at')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_report_admissions() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--from --to --output -o --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_report_overdue() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--output -o --lang --socket)
    __streetflow_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac
}

_streetflow_print() {
    repeating_flags=()
    non_repeating_flags=(--all-approved --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--from --to --output -o --lang --socket)
    __streetflow_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--lang')
        __streetflow_add_completions -W 'zh'$'\n''en'
        return
        ;;
    '--socket')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __streetflow_add_completions -W "$(__streetflow_custom_complete ---completion print -- positional@0 "${COMP_CWORD}" "$(__streetflow_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_streetflow_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __streetflow_offer_flags_options -1
}

complete -o filenames -F _streetflow streetflow
