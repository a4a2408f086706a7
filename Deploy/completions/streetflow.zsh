#compdef streetflow

__streetflow_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__streetflow_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __streetflow_complete "${completions[@]:0:-1}"
    fi
}

__streetflow_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_streetflow() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'submit:提交准入申请 / Submit a request.'
            'show:查看申请、办理经过和下一步 / Show a request, its history and what can be done next.'
            'list:列出你能看到的申请 / List the requests you can see.'
            'queue:我的待办（期限最早的在前）/ What I can act on now, oldest deadline first.'
            'act:执行任意操作 / Take any action of the request'\''s workflow.'
            'actions:列出可办理的操作及其命令 / List the actions people take and the command for each.'
            'inbox:我的通知与待办 / My notices and what waits for me.'
            'urge:催办：提醒当前办理人尽快办理 / Urge whoever holds a request to act.'
            'comment:留言（不改变环节）/ Add a comment without moving the request.'
            'attach:为申请添加附件 / Attach files to a request.'
            'attachments:列出申请的附件 / List a request'\''s attachments.'
            'attachment:下载附件 / Download an attachment.'
            'assign:转交给同角色的用户，不给用户则自己认领 / Hand over to a user, or claim it yourself.'
            'watch:实时查看你能看到的办理事件（Ctrl-C 结束）/ Stream the events you may see, live (Ctrl-C to stop).'
            'workflows:列出可提交的工作流 / List the workflows requests start on.'
            'describe:查看工作流的字段、环节和操作 / Show a workflow'\''s fields, states and actions.'
            'graph:画出工作流状态图 / Draw a workflow'\''s state diagram.'
            'validate:检查工作流定义文件 / Check workflow definition files.'
            'lists:参考清单 / The reference lists.'
            'register:标牌版面台账 / The register of plaques and boards at each committee.'
            'rollout:提标增能推进 / The committee rollout.'
            'audit:审计链 / The audit chain.'
            'status:守护进程状态 / The daemon: version, uptime, store size, open requests per state, commit latency.'
            'export:导出你能看到的申请（CSV 带 BOM，可直接用 Excel 打开）/ Export the requests you can see (CSV is UTF-8 with BOM).'
            'admin:管理：备份、重新加载、迁移 / Administration: backup, reload, migrate.'
            'whoami:守护进程眼中的你：用户、组、角色 / Who the daemon takes you for: user, groups, roles.'
            'calendar:工作日历（法定节假日与调休）/ The working-day calendar (holidays and make-up days).'
            'report:报表：推进情况、准入统计、逾期事项（HTML 可直接打印 A4）/ Reports: the programme, admissions, overdue requests (HTML prints on A4).'
            'print:生成申请的审批单（HTML，A4 纵向，可打印签字归档）/ The approval form of a request (HTML, A4 portrait, to print and file).'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        submit|show|list|queue|act|actions|inbox|urge|comment|attach|attachments|attachment|assign|watch|workflows|describe|graph|validate|lists|register|rollout|audit|status|export|admin|whoami|calendar|report|print|help)
            "_streetflow_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_submit() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':workflow:{__streetflow_custom_complete ---completion submit -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--from[从 YAML 文件读取主题字段 / Read the subject fields from a YAML file.]:from:'
        '--comment[附言 / A comment.]:comment:'
        '--idempotency-key[幂等键，重试时不会重复提交 / An idempotency key\: a retry does not submit twice.]:idempotency-key:'
        '*--attach[附件，如 申请函.pdf（可重复）/ A file to attach, e.g. a scanned letter (repeatable).]:attach:_files'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '*:field-arguments:{__streetflow_custom_complete ---completion submit -- positional@1 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_show() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion show -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--all-history[显示全部办理经过（默认只显示最近的一页）/ Show the whole history (by default the newest page only).]'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_list() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--workflow[工作流（键或名称）/ Workflow (key or title).]:workflow:{__streetflow_custom_complete ---completion list -- --workflow "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--state[环节（键或名称）/ State (key or label).]:state:{__streetflow_custom_complete ---completion list -- --state "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--committee[居委会 / Committee.]:committee:{__streetflow_custom_complete ---completion list -- --committee "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--department[部门（键或名称）/ Department (key or label).]:department:'
        '--since[起始日期 YYYY-MM-DD / Submitted on or after.]:since:'
        '--until[截止日期 YYYY-MM-DD（含当天）/ Submitted on or before.]:until:'
        '--text[搜索文字 / Text to search for.]:text:'
        '--mine[只看我提交的 / Only the requests I submitted.]'
        '--overdue[只看已超期的（取出全部页）/ Only overdue requests (fetches every page).]'
        '--limit[每页条数 / Page size.]:limit:'
        '--cursor[从此处继续（上一页给出）/ Continue from this cursor (printed with the previous page).]:cursor:'
        '--all[取出全部页 / Fetch every page.]'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_queue() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--workflow[工作流（键或名称）/ Workflow (key or title).]:workflow:{__streetflow_custom_complete ---completion queue -- --workflow "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--state[环节（键或名称）/ State (key or label).]:state:{__streetflow_custom_complete ---completion queue -- --state "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--committee[居委会 / Committee.]:committee:{__streetflow_custom_complete ---completion queue -- --committee "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--department[部门（键或名称）/ Department (key or label).]:department:'
        '--overdue[只看已超期的 / Only overdue items.]'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_act() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion act -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        ':action:'
        '--comment[意见 / A comment.]:comment:'
        '*--field[字段 key=value（可重复）/ A field key=value (repeatable).]:field:'
        '--expected-version[你看到的版本（防止并发覆盖）/ The version you saw (refused if it changed since).]:expected-version:'
        '--idempotency-key[幂等键，重试时不会重复执行 / An idempotency key\: a retry does not act twice.]:idempotency-key:'
        '--all-in-queue[对我待办中所有可执行此操作的申请批量执行（须 --workflow）/ Act on every request in my queue that allows it (needs --workflow).]'
        '--workflow[与 --all-in-queue 合用：此工作流（必填，键或名称）/ With --all-in-queue\: this workflow (required).]:workflow:'
        '--committee[与 --all-in-queue 合用：只限此居委会 / With --all-in-queue\: only this committee.]:committee:'
        '--overdue[与 --all-in-queue 合用：只限已超期的 / With --all-in-queue\: only overdue requests.]'
        '--yes[不再询问，直接执行（脚本用）/ Do not ask; go ahead (for scripts).]'
        '--dry-run[只列出将办理的申请，不做任何更改 / Only show what would be done; change nothing.]'
        '*--attach[附件（可重复）/ A file to attach (repeatable).]:attach:_files'
        '*--cc[抄送：居委会、部门或用户，逗号分隔，如 民政办,蓝天二村 / Copy to committees, departments or users (comma-separated).]:cc:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '*:field-arguments:{__streetflow_custom_complete ---completion act -- positional@2 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_actions() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':workflow:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_inbox() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--all[连同已读通知 / Include notices already read.]'
        '--brief[只打印一行概况（登录提示用）/ One summary line (for the login prompt).]'
        '--limit[最多列出几条（默认 30）/ At most this many notices (default 30).]:limit:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_urge() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion urge -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--comment[附言 / A comment.]:comment:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_comment() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion comment -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        ':text:'
        '--comment[内容，与各操作的 --comment 相同 / The comment, as every action takes it.]:comment:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_attach() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion attach -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '*:files:_files'
        '--comment[附言 / A comment.]:comment:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_attachments() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion attachments -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_attachment() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'get:下载申请的一个附件 / Download one attachment of a request.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        get)
            "_streetflow_attachment_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_attachment_get() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion attachment get -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        ':name:'
        '(-o --output)'{-o,--output}'[保存到文件（默认为附件名称）/ Write to this file (default\: its name).]:output:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_assign() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion assign -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        ':user:'
        '--expected-version[你看到的版本 / The version you saw.]:expected-version:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_watch() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--follow[只看此申请 / Only this request.]:follow:'
        '--count[收到 N 个事件后退出 / Exit after N events.]:count:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_workflows() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_describe() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':workflow:'
        '--version[定义版本（默认最新）/ The definition version (default\: current).]:version:'
        '--keys[同时列出环节和操作的键（写脚本用）/ Also show the states'\'' and actions'\'' keys (for scripts).]'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_graph() {
    local -i ret=1
    local -ar ___format=('mermaid' 'dot' 'svg')
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':workflow:'
        '--format[mermaid | dot | svg（svg 需要 Graphviz）/ svg needs Graphviz.]:format:{__streetflow_complete "${___format[@]}"}'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_validate() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '*:paths:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_lists() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check:事项是否在参考清单内（在：0；不在：1）/ Whether a task is on a reference list (exit 0 yes, 1 no).'
            'show:显示现行清单（状态、来源、版本、条目）/ Show a list in force: status, source, version, entries.'
            'diff:新版本清单（YAML 文件）与现行版本的差异 / What a proposed version (a YAML file) changes.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|show|diff)
            "_streetflow_lists_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_lists_check() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':text:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_lists_show() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':list:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_lists_diff() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':list:'
        ':file:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_register() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'show:居委会台账及门口"2+2"核对 / A committee'\''s register and its door check (all committees without a name).'
            'add:补录准入制度前已挂的标牌或版面（自治办）/ Enter a plaque or board that hung before admission (office).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        show|add)
            "_streetflow_register_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_register_show() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':committee:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_register_add() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--comment[说明（记入审计）/ A comment (recorded).]:comment:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '*:field-arguments:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_rollout() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'status:各居委会达标进度 / Every committee'\''s rollout: phase, state, deadline, accepted or not.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        status)
            "_streetflow_rollout_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_rollout_status() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_audit() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'verify:校验哈希链、每件申请的当前记录及库外检查点（不通过：退出码 1）/ Check the hash chain, every request'\''s record and the checkpoints kept outside the database (exit 1 when not intact).'
            'checkpoint:记下当前链头（存于库外并写入系统日志），打印保存，日后用 audit verify --checkpoint 核对 / Write the chain head down outside the database and print it to keep; check it later with audit verify --checkpoint.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        verify|checkpoint)
            "_streetflow_audit_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_audit_verify() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '*--checkpoint[保存的检查点文件（streetflow audit checkpoint 的输出），可多次 / A checkpoint file kept from `streetflow audit checkpoint` (repeatable).]:checkpoint:'
        '--journal[同时与系统日志中记录的链头比对（需能读取 journal）/ Also compare with the chain heads recorded in the journal (needs read access to it).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_audit_checkpoint() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_status() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_export() {
    local -i ret=1
    local -ar ___format=('csv' 'json')
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--format[csv | json]:format:{__streetflow_complete "${___format[@]}"}'
        '(--output -o)'{--output,-o}'[输出文件（默认标准输出）/ Output file (default\: stdout).]:output:'
        '--workflow[工作流（键或名称）/ Workflow (key or title).]:workflow:{__streetflow_custom_complete ---completion export -- --workflow "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--state[环节（键或名称）/ State (key or label).]:state:{__streetflow_custom_complete ---completion export -- --state "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--committee[居委会 / Committee.]:committee:{__streetflow_custom_complete ---completion export -- --committee "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--department[部门（键或名称）/ Department (key or label).]:department:'
        '--since[起始日期 YYYY-MM-DD / Submitted on or after.]:since:'
        '--until[截止日期 YYYY-MM-DD（含当天）/ Submitted on or before.]:until:'
        '--overdue[只导出已超期的 / Only overdue requests.]'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_admin() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'backup:在线备份数据库并复制到 FILE / Back up the store online and copy it to FILE.'
            'reload:重新加载工作流、种子数据和清单 / Re-read workflows, seeds and lists.'
            'migrate:把申请迁移到工作流的当前版本 / Move requests to their workflow'\''s current version.'
            'migrate-store:把本街道的全部记录迁入区里的 PostgreSQL / Move this street'\''s records into the district'\''s PostgreSQL.'
            'clock:模拟时钟（演示与测试）/ The simulated clock (demonstrations and tests).'
            'notify:通知投递状态（群机器人与邮件）/ Delivery of notices to group robots and mail.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        backup|reload|migrate|migrate-store|clock|notify)
            "_streetflow_admin_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_admin_backup() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':file:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_admin_reload() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_admin_migrate() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '*:ids:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_admin_migrate-store() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--to[目标，如 postgresql\://streetflow@db.example/streetflow（密码用守护进程配置的）/ The target URL.]:to:'
        '--merge[并入已有其他街道记录的数据库（本街道的事件接入其审计链）/ Merge into a store that holds other streets'\'' records.]'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_admin_clock() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':verb:'
        ':value:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_admin_notify() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'status:投递到哪一条、哪些在重试或已放弃 / How far delivery got, what is retried or given up.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        status)
            "_streetflow_admin_notify_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_admin_notify_status() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--config[streetflow-notify 的配置 / The notifier'\''s config.]:config:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_whoami() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_calendar() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add-working-days:日期加 N 个工作日 / The date N working days after DATE.'
            'is-working-day:是否工作日（是：退出码 0；否：1）/ Whether DATE is a working day (exit 0 yes, 1 no).'
            'coverage:节假日数据覆盖的日期范围及来源 / Which dates the holiday data covers, and from which files.'
            'import:安装前检查新增年份的日历文件 / Check a file of added holiday years before installing it.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add-working-days|is-working-day|coverage|import)
            "_streetflow_calendar_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_calendar_add-working-days() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':date:'
        ':count:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_calendar_is-working-day() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':date:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_calendar_coverage() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_calendar_import() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':file:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_report() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'programme:居委会规范达标推进情况：阶段时间轴、每个居委会的环节与逾期、累计达标曲线 / The programme: phases, every committee, the burn-up.'
            'admissions:准入统计：按居委会、按部门的申请、结果、办结用时、逾期、清单命中与在用事项 / Admissions per committee and department.'
            'overdue:逾期事项（部门只看到本部门的）；不加 -o 时在终端列出 / Overdue requests (a department sees its own); listed here without -o.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        programme|admissions|overdue)
            "_streetflow_report_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_streetflow_report_programme() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--at[按某日的状态重建（YYYY-MM-DD，默认今天）/ The picture as of a past day (YYYY-MM-DD; default today).]:at:'
        '(--output -o)'{--output,-o}'[输出的 HTML 文件 / The HTML file to write.]:output:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_report_admissions() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '--from[提交日期起（YYYY-MM-DD）/ Submitted on or after.]:from:'
        '--to[提交日期止（YYYY-MM-DD，含当天）/ Submitted on or before.]:to:'
        '(--output -o)'{--output,-o}'[输出文件：.html、.csv（UTF-8 带 BOM）或 .xlsx / The file to write\: .html, .csv (UTF-8 with BOM) or .xlsx.]:output:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_report_overdue() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        '(--output -o)'{--output,-o}'[输出文件：.html、.csv（UTF-8 带 BOM）或 .xlsx / The file to write\: .html, .csv (UTF-8 with BOM) or .xlsx.]:output:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_print() {
    local -i ret=1
    local -ar ___lang=('zh' 'en')
    local -ar arg_specs=(
        ':id:{__streetflow_custom_complete ---completion print -- positional@0 "${current_word_index}" "$(__streetflow_cursor_index_in_current_word)"}'
        '--all-approved[为期间内每件已准入的申请各生成一份（配合 --from --to -o 目录）/ One form per admitted request in the period (with --from --to -o DIR).]'
        '--from[提交日期起（YYYY-MM-DD）/ Submitted on or after.]:from:'
        '--to[提交日期止（YYYY-MM-DD，含当天）/ Submitted on or before.]:to:'
        '(--output -o)'{--output,-o}'[输出文件（单份）或目录（--all-approved）/ The file (one form) or directory (--all-approved).]:output:'
        '--lang[界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).]:lang:{__streetflow_complete "${___lang[@]}"}'
        '--json[输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).]'
        '--socket[守护进程套接字 / The daemon'\''s socket (default\: STREETFLOW_SOCKET, ./.streetflow, /run).]:socket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_streetflow_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _streetflow ]]; then
    _streetflow "${@}"
else
    compdef _streetflow streetflow
fi
