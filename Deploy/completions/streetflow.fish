function __streetflow_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __streetflow_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __streetflow_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __streetflow_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __streetflow_parse_tokens -S
    set -l unparsed_tokens (__streetflow_tokens -pc)
    switch $unparsed_tokens[1]
    case 'streetflow'
        __streetflow_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'submit'
            __streetflow_parse_subcommand -r 2 'from=' 'comment=' 'idempotency-key=' 'attach=+' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'show'
            __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'list'
            __streetflow_parse_subcommand 0 'workflow=' 'state=' 'committee=' 'department=' 'since=' 'until=' 'text=' 'mine' 'overdue' 'limit=' 'cursor=' 'all' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'queue'
            __streetflow_parse_subcommand 0 'workflow=' 'state=' 'committee=' 'department=' 'overdue' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'act'
            __streetflow_parse_subcommand -r 3 'comment=' 'field=+' 'expected-version=' 'idempotency-key=' 'all-in-queue' 'workflow=' 'committee=' 'overdue' 'yes' 'dry-run' 'attach=+' 'cc=+' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'actions'
            __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'comment'
            __streetflow_parse_subcommand 2 'comment=' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'attach'
            __streetflow_parse_subcommand -r 2 'comment=' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'attachments'
            __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'attachment'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'get'
                __streetflow_parse_subcommand 2 'o/output=' 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'assign'
            __streetflow_parse_subcommand 2 'expected-version=' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'watch'
            __streetflow_parse_subcommand 0 'follow=' 'count=' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'workflows'
            __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'describe'
            __streetflow_parse_subcommand 1 'version=' 'keys' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'graph'
            __streetflow_parse_subcommand 1 'format=' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'validate'
            __streetflow_parse_subcommand -r 1 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'lists'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'check'
                __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'show'
                __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'diff'
                __streetflow_parse_subcommand 2 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'register'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'show'
                __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'add'
                __streetflow_parse_subcommand -r 1 'comment=' 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'rollout'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'status'
                __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'audit'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'verify'
                __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'status'
            __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'export'
            __streetflow_parse_subcommand 0 'format=' 'o/output=' 'workflow=' 'state=' 'committee=' 'department=' 'since=' 'until=' 'overdue' 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'admin'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'backup'
                __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'reload'
                __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'migrate'
                __streetflow_parse_subcommand -r 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'whoami'
            __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
        case 'calendar'
            __streetflow_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add-working-days'
                __streetflow_parse_subcommand 2 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'is-working-day'
                __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'coverage'
                __streetflow_parse_subcommand 0 'lang=' 'json' 'socket=' 'version' 'h/help'
            case 'import'
                __streetflow_parse_subcommand 1 'lang=' 'json' 'socket=' 'version' 'h/help'
            end
        case 'help'
            __streetflow_parse_subcommand -r 1 'version'
        end
    end
end

function __streetflow_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __streetflow_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __streetflow_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __streetflow_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__streetflow_tokens -p)
    if test -z "$(__streetflow_tokens -t)"
        set -l index (count (__streetflow_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'streetflow' -f
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'submit' -d '提交准入申请 / Submit a request.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'show' -d '查看申请、办理经过和下一步 / Show a request, its history and what can be done next.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'list' -d '列出你能看到的申请 / List the requests you can see.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'queue' -d '我的待办（期限最早的在前）/ What I can act on now, oldest deadline first.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'act' -d '执行任意操作 / Take any action of the request\'s workflow.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'actions' -d '列出可办理的操作及其命令 / List the actions people take and the command for each.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'comment' -d '留言（不改变环节）/ Add a comment without moving the request.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'attach' -d '为申请添加附件 / Attach files to a request.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'attachments' -d '列出申请的附件 / List a request\'s attachments.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'attachment' -d '下载附件 / Download an attachment.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'assign' -d '转交给同角色的用户，不给用户则自己认领 / Hand over to a user, or claim it yourself.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'watch' -d '实时查看你能看到的办理事件（Ctrl-C 结束）/ Stream the events you may see, live (Ctrl-C to stop).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'workflows' -d '列出可提交的工作流 / List the workflows requests start on.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'describe' -d '查看工作流的字段、环节和操作 / Show a workflow\'s fields, states and actions.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'graph' -d '画出工作流状态图 / Draw a workflow\'s state diagram.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'validate' -d '检查工作流定义文件 / Check workflow definition files.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'lists' -d '参考清单 / The reference lists.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'register' -d '标牌版面台账 / The register of plaques and boards at each committee.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'rollout' -d '提标增能推进 / The committee rollout.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'audit' -d '审计链 / The audit chain.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'status' -d '守护进程状态 / The daemon: version, uptime, store size, open requests per state, commit latency.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'export' -d '导出你能看到的申请（CSV 带 BOM，可直接用 Excel 打开）/ Export the requests you can see (CSV is UTF-8 with BOM).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'admin' -d '管理：备份、重新加载、迁移 / Administration: backup, reload, migrate.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'whoami' -d '守护进程眼中的你：用户、组、角色 / Who the daemon takes you for: user, groups, roles.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'calendar' -d '工作日历（法定节假日与调休）/ The working-day calendar (holidays and make-up days).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow submit" -eq 1' -fka '(__streetflow_custom_completion ---completion submit -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" from' -l 'from' -d '从 YAML 文件读取主题字段 / Read the subject fields from a YAML file.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" comment' -l 'comment' -d '附言 / A comment.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" idempotency-key' -l 'idempotency-key' -d '幂等键，重试时不会重复提交 / An idempotency key: a retry does not submit twice.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit"' -l 'attach' -d '附件，如 申请函.pdf（可重复）/ A file to attach, e.g. a scanned letter (repeatable).' -rF
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow submit" -ge 2' -fka '(__streetflow_custom_completion ---completion submit -- positional@1 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow submit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow show" -eq 1' -fka '(__streetflow_custom_completion ---completion show -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow show" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow show" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow show" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow show" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" workflow' -l 'workflow' -d '工作流（键或名称）/ Workflow (key or title).' -rfka '(__streetflow_custom_completion ---completion list -- --workflow (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" state' -l 'state' -d '环节（键或名称）/ State (key or label).' -rfka '(__streetflow_custom_completion ---completion list -- --state (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" committee' -l 'committee' -d '居委会 / Committee.' -rfka '(__streetflow_custom_completion ---completion list -- --committee (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" department' -l 'department' -d '部门（键或名称）/ Department (key or label).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" since' -l 'since' -d '起始日期 YYYY-MM-DD / Submitted on or after.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" until' -l 'until' -d '截止日期 YYYY-MM-DD（含当天）/ Submitted on or before.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" text' -l 'text' -d '搜索文字 / Text to search for.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" mine' -l 'mine' -d '只看我提交的 / Only the requests I submitted.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" overdue' -l 'overdue' -d '只看已超期的（取出全部页）/ Only overdue requests (fetches every page).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" limit' -l 'limit' -d '每页条数 / Page size.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" cursor' -l 'cursor' -d '从此处继续（上一页给出）/ Continue from this cursor (printed with the previous page).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" all' -l 'all' -d '取出全部页 / Fetch every page.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" workflow' -l 'workflow' -d '工作流（键或名称）/ Workflow (key or title).' -rfka '(__streetflow_custom_completion ---completion queue -- --workflow (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" state' -l 'state' -d '环节（键或名称）/ State (key or label).' -rfka '(__streetflow_custom_completion ---completion queue -- --state (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" committee' -l 'committee' -d '居委会 / Committee.' -rfka '(__streetflow_custom_completion ---completion queue -- --committee (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" department' -l 'department' -d '部门（键或名称）/ Department (key or label).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" overdue' -l 'overdue' -d '只看已超期的 / Only overdue items.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow queue" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow act" -eq 1' -fka '(__streetflow_custom_completion ---completion act -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" comment' -l 'comment' -d '意见 / A comment.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act"' -l 'field' -d '字段 key=value（可重复）/ A field key=value (repeatable).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" expected-version' -l 'expected-version' -d '你看到的版本（防止并发覆盖）/ The version you saw (refused if it changed since).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" idempotency-key' -l 'idempotency-key' -d '幂等键，重试时不会重复执行 / An idempotency key: a retry does not act twice.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" all-in-queue' -l 'all-in-queue' -d '对我待办中所有可执行此操作的申请批量执行（须 --workflow）/ Act on every request in my queue that allows it (needs --workflow).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" workflow' -l 'workflow' -d '与 --all-in-queue 合用：此工作流（必填，键或名称）/ With --all-in-queue: this workflow (required).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" committee' -l 'committee' -d '与 --all-in-queue 合用：只限此居委会 / With --all-in-queue: only this committee.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" overdue' -l 'overdue' -d '与 --all-in-queue 合用：只限已超期的 / With --all-in-queue: only overdue requests.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" yes' -l 'yes' -d '不再询问，直接执行（脚本用）/ Do not ask; go ahead (for scripts).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" dry-run' -l 'dry-run' -d '只列出将办理的申请，不做任何更改 / Only show what would be done; change nothing.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act"' -l 'attach' -d '附件（可重复）/ A file to attach (repeatable).' -rF
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act"' -l 'cc' -d '抄送：居委会、部门或用户，逗号分隔，如 民政办,蓝天二村 / Copy to committees, departments or users (comma-separated).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow act" -ge 2' -fka '(__streetflow_custom_completion ---completion act -- positional@2 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow act" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow actions" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow actions" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow actions" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow actions" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow actions" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow comment" -eq 1' -fka '(__streetflow_custom_completion ---completion comment -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow comment" comment' -l 'comment' -d '内容，与各操作的 --comment 相同 / The comment, as every action takes it.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow comment" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow comment" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow comment" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow comment" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow comment" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow attach" -eq 1' -fka '(__streetflow_custom_completion ---completion attach -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow attach" -ge 2' -F
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attach" comment' -l 'comment' -d '附言 / A comment.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attach" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attach" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attach" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attach" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attach" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow attachments" -eq 1' -fka '(__streetflow_custom_completion ---completion attachments -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachments" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachments" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachments" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachments" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachments" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow attachment" -eq 1' -fa 'get' -d '下载申请的一个附件 / Download one attachment of a request.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow attachment get" -eq 1' -fka '(__streetflow_custom_completion ---completion attachment get -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment get" o output' -s 'o' -l 'output' -d '保存到文件（默认为附件名称）/ Write to this file (default: its name).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment get" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment get" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment get" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment get" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow attachment get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow assign" -eq 1' -fka '(__streetflow_custom_completion ---completion assign -- positional@0 (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow assign" expected-version' -l 'expected-version' -d '你看到的版本 / The version you saw.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow assign" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow assign" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow assign" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow assign" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow assign" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" follow' -l 'follow' -d '只看此申请 / Only this request.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" count' -l 'count' -d '收到 N 个事件后退出 / Exit after N events.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow workflows" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow workflows" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow workflows" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow workflows" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow workflows" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" version' -l 'version' -d '定义版本（默认最新）/ The definition version (default: current).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" keys' -l 'keys' -d '同时列出环节和操作的键（写脚本用）/ Also show the states\' and actions\' keys (for scripts).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow describe" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow graph" format' -l 'format' -d 'mermaid | dot | svg（svg 需要 Graphviz）/ svg needs Graphviz.' -rfka 'mermaid dot svg'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow graph" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow graph" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow graph" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow graph" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow graph" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow validate" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow validate" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow validate" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow validate" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow lists" -eq 1' -fa 'check' -d '事项是否在参考清单内（在：0；不在：1）/ Whether a task is on a reference list (exit 0 yes, 1 no).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow lists" -eq 1' -fa 'show' -d '显示现行清单（状态、来源、版本、条目）/ Show a list in force: status, source, version, entries.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow lists" -eq 1' -fa 'diff' -d '新版本清单（YAML 文件）与现行版本的差异 / What a proposed version (a YAML file) changes.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists check" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists check" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists check" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists check" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists show" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists show" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists show" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists show" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists diff" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists diff" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists diff" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists diff" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow lists diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow register" -eq 1' -fa 'show' -d '居委会台账及门口"2+2"核对 / A committee\'s register and its door check (all committees without a name).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow register" -eq 1' -fa 'add' -d '补录准入制度前已挂的标牌或版面（自治办）/ Enter a plaque or board that hung before admission (office).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register show" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register show" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register show" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register show" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register add" comment' -l 'comment' -d '说明（记入审计）/ A comment (recorded).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register add" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register add" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register add" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register add" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow register add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow rollout" -eq 1' -fa 'status' -d '各居委会达标进度 / Every committee\'s rollout: phase, state, deadline, accepted or not.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout status" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout status" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout status" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout status" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow rollout status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow audit" -eq 1' -fa 'verify' -d '校验全部事件的哈希链（断链：退出码 1）/ Check the whole hash chain (exit 1 when broken).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit verify" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit verify" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit verify" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit verify" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow audit verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow status" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow status" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow status" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow status" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" format' -l 'format' -d 'csv | json' -rfka 'csv json'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" o output' -l 'output' -s 'o' -d '输出文件（默认标准输出）/ Output file (default: stdout).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" workflow' -l 'workflow' -d '工作流（键或名称）/ Workflow (key or title).' -rfka '(__streetflow_custom_completion ---completion export -- --workflow (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" state' -l 'state' -d '环节（键或名称）/ State (key or label).' -rfka '(__streetflow_custom_completion ---completion export -- --state (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" committee' -l 'committee' -d '居委会 / Committee.' -rfka '(__streetflow_custom_completion ---completion export -- --committee (count (__streetflow_tokens -pc)) (__streetflow_tokens -tC))'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" department' -l 'department' -d '部门（键或名称）/ Department (key or label).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" since' -l 'since' -d '起始日期 YYYY-MM-DD / Submitted on or after.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" until' -l 'until' -d '截止日期 YYYY-MM-DD（含当天）/ Submitted on or before.' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" overdue' -l 'overdue' -d '只导出已超期的 / Only overdue requests.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow admin" -eq 1' -fa 'backup' -d '在线备份数据库并复制到 FILE / Back up the store online and copy it to FILE.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow admin" -eq 1' -fa 'reload' -d '重新加载工作流、种子数据和清单 / Re-read workflows, seeds and lists.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow admin" -eq 1' -fa 'migrate' -d '把申请迁移到工作流的当前版本 / Move requests to their workflow\'s current version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin backup" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin backup" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin backup" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin backup" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin backup" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin reload" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin reload" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin reload" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin reload" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin reload" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin migrate" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin migrate" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin migrate" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin migrate" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow admin migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow whoami" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow whoami" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow whoami" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow whoami" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow calendar" -eq 1' -fa 'add-working-days' -d '日期加 N 个工作日 / The date N working days after DATE.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow calendar" -eq 1' -fa 'is-working-day' -d '是否工作日（是：退出码 0；否：1）/ Whether DATE is a working day (exit 0 yes, 1 no).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow calendar" -eq 1' -fa 'coverage' -d '节假日数据覆盖的日期范围及来源 / Which dates the holiday data covers, and from which files.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_positional "streetflow calendar" -eq 1' -fa 'import' -d '安装前检查新增年份的日历文件 / Check a file of added holiday years before installing it.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar add-working-days" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar add-working-days" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar add-working-days" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar add-working-days" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar add-working-days" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar is-working-day" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar is-working-day" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar is-working-day" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar is-working-day" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar is-working-day" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar coverage" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar coverage" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar coverage" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar coverage" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar coverage" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar import" lang' -l 'lang' -d '界面语言 zh|en（默认取 LANG）/ Interface language zh|en (default from LANG).' -rfka 'zh en'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar import" json' -l 'json' -d '输出 Varlink 应答的 JSON（键已排序）/ Print the Varlink reply as JSON (sorted keys).'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar import" socket' -l 'socket' -d '守护进程套接字 / The daemon\'s socket (default: STREETFLOW_SOCKET, ./.streetflow, /run).' -rfka ''
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar import" version' -l 'version' -d 'Show the version.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow calendar import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'streetflow' -n '__streetflow_should_offer_completions_for_flags_or_options "streetflow help" version' -l 'version' -d 'Show the version.'
