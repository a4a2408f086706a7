#!/bin/sh
# Regenerates streetflow.1 from the command trees (argument-parser's generate-manual plugin),
# (English only: the plugin drops the Chinese half of the help texts),
# then replaces the generic EXIT STATUS with streetflow's exit codes and adds ENVIRONMENT and FILES.
# Run from the package root: Deploy/man/generate.sh
set -eu
date=${MAN_DATE:-$(git log -1 --format=%cs 2>/dev/null || date +%F)}
swift package --allow-writing-to-directory Deploy/man generate-manual --configuration debug \
    --date "$date" --authors "StreetFlow" -o Deploy/man >/dev/null
out=.build/plugins/GenerateManual/outputs
for tool in streetflow; do  # streetflowd(8) is written by hand
    if [ -f "$out/$tool/$tool.1" ]; then cp "$out/$tool/$tool.1" "Deploy/man/$tool.1"; fi
done
python3 - Deploy/man/streetflow.1 <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
exit_status = r""".Sh ENVIRONMENT
.Bl -tag -width STREETFLOW_SOCKET
.It Ev STREETFLOW_SOCKET
The daemon's socket when
.Fl -socket
is not given. Otherwise
.Pa ./.streetflow/io.streetflow.sock
when it exists (a
.Nm streetflowd Fl -dev
in the working directory), then
.Pa /run/streetflow/io.streetflow.sock .
.It Ev LANG , Ev LC_ALL , Ev LC_MESSAGES
Chinese output when the value starts with zh, English otherwise;
.Fl -lang
overrides.
.It Ev NO_COLOR
No colour even on a terminal (colour is only ever used on a terminal).
.It Ev STREETFLOW_SHARE
Where the offline commands find workflows/ and seeds/ (default: ./Workflows and ./seeds, then /usr/share/streetflow).
.It Ev TZ
Times are shown in local time.
.El
.Sh FILES
.Bl -tag -width Ds
.It Pa /run/streetflow/io.streetflow.sock
The daemon's Varlink socket (group streetflow).
.It Pa /usr/share/streetflow/workflows , Pa /usr/share/streetflow/seeds
Shipped workflow definitions, calendar, committees and reference lists.
.El
.Sh "EXIT STATUS"
.Bl -tag -width 4n
.It 0
Success.
.It 1
Any other failure; also: a bulk action where at least one item failed,
.Cm lists check
when the task is on no list,
.Cm audit verify
when the chain is broken,
.Cm calendar is-working-day
when the date is not a working day.
.It 2
Usage: unknown option, missing argument.
.It 3
Not found: no such request, workflow or user (NoSuchInstance, NoSuchWorkflow, NoSuchUser).
.It 4
Permission denied: the step needs a role you do not hold (PermissionDenied); the message names the role.
.It 5
Conflict: the request changed since you looked (VersionConflict) or you already signed (AlreadySigned); the changes and the command to retry are printed.
.It 6
Not allowed now: the action is not possible in this state (ActionNotAllowed, with the allowed actions), a guard did not hold (GuardFailed), or the request is finished (InstanceFinal).
.It 65
Invalid input: a subject field or action field is wrong or missing (InvalidSubject, InvalidField, CommentRequired), a refused reload, or an invalid workflow file.
.It 66
A named file or workflow file does not exist.
.It 69
Unavailable: streetflowd is not running or its socket cannot be reached, or a needed tool (Graphviz) is missing. Try
.Ql systemctl status streetflowd.socket .
.It 74
The daemon's store failed (StorageFailure); nothing was changed.
.El
"""
text = text.replace('.Sh "EXIT STATUS"\n.Ex -std\n', exit_status)
# The generator drops the Chinese half of each "中文 / English" help text; keep the English half clean.
text = text.replace('\\& / ', '').replace('.Nd " / ', '.Nd "')
open(path, "w", encoding="utf-8").write(text)
PY
