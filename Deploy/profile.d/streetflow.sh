# StreetFlow: at an interactive login, a member of group streetflow sees in one line what waits for them
# (您有 3 件待办，其中 1 件超期；2 条新通知). Prints nothing when nothing waits, when the daemon is not running or
# when the user is not in the group; never delays a login by more than a second.
case $- in
*i*)
    if command -v streetflow >/dev/null 2>&1 && id -nG 2>/dev/null | tr ' ' '\n' | grep -qx streetflow; then
        timeout 1 streetflow inbox --brief 2>/dev/null
    fi
    ;;
esac
