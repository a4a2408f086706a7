#!/usr/bin/env bash
# Replays the 2019–2020 programme of 松府中办[2019]177号 under a simulated clock, in about half a minute: the
# street opens the programme (pilot at 蓝天二村), the pilot is inspected, sent back for rectification and
# accepted; the full phase opens on 2020-01-02 with rollouts whose deadline is the end of the phase
# (2020-10-31); one committee is late; the improvement phase opens on 2020-11-01. Beside it a department's
# plaque request waits in office review over 国庆 2019 past its 5 and 10 working days. At the end it prints what
# each role was told and when (the inbox, by recipient).
#
#   bash Deploy/dev/replay-programme.sh          (after swift build; STREETFLOW_BIN=… for other binaries)
#   STREETFLOW_REPLAY_THEN='streetflow report programme -o /tmp/p.html' bash Deploy/dev/replay-programme.sh
#                                                 (runs that shell command at the end, beside the daemon, with the
#                                                 binaries first on PATH — e.g. to draw the reports of the history)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${STREETFLOW_BIN:-$root/.build/debug}
work=$(mktemp -d)
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
ln -s "$root/Workflows" Workflows
ln -s "$root/seeds" seeds
"$bin/streetflowd" --dev --clock simulated:2019-09-26T09:00:00+08:00 --log-target stderr 2>daemon.log &
pid=$!
for _ in $(seq 1 100); do [ -S .streetflow/io.streetflow.sock ] && break; sleep 0.1; done

sf() { LANG=zh_CN.UTF-8 "$bin/streetflow" "$@"; }
id_of() { python3 -c 'import json,sys; print(json.load(sys.stdin)["instance"]["id"])'; }
at() { sf admin clock set "$1T09:00" >/dev/null; echo "== $1 $2"; }
checklist=door-plaques,work-committees,layout-1-5-x,walls-cleared,weekly-meeting,party-study,three-meetings,attendance,staggered-duty,reception-log,home-visits,admission-mechanisms,training-evaluation

at 2019-09-26 "卫生健康办申请挂牌（自治办审核：5 个工作日提醒，10 个工作日上报街道）"
plaque=$(sf submit 标识挂牌准入 --居委会 蓝天二村 --标牌名称 社区卫生服务点 --拟挂位置 居委会内部 --申请理由 便民服务 --json | id_of)

at 2019-10-08 "街道办事处启动提标增能推进计划，试点蓝天二村"
programme=$(sf submit street-programme --计划名称 中山街道居委会规范达标提标增能 --试点居委会 蓝天二村 --json | id_of)
pilot=$(sf submit committee-rollout --居委会 蓝天二村 --phase pilot --json | id_of)

at 2019-10-21 "蓝天二村提交自查"
sf submit-self-check "$pilot" --checklist "$checklist" >/dev/null
at 2019-10-25 "自治办开始验收"
sf start-inspection "$pilot" >/dev/null
at 2019-10-29 "验收未通过：制度上墙，退回整改"
sf rectify "$pilot" --shortfalls walls-cleared --comment 宣传栏以外仍有制度上墙 >/dev/null
at 2019-11-08 "蓝天二村整改后继续"
sf resume "$pilot" >/dev/null
sf submit-self-check "$pilot" --checklist "$checklist" >/dev/null
at 2019-11-25 "再次验收"
sf start-inspection "$pilot" >/dev/null
at 2019-12-02 "试点达标"
sf accept "$pilot" >/dev/null

at 2020-01-02 "全面实施阶段开启，莱顿、淡家浜、蓝天一村开始达标（期限：2020-10-31）"
sf open-full "$programme" --yes >/dev/null
rollouts=()
for committee in 莱顿 淡家浜 蓝天一村; do
    rollouts+=("$(sf submit committee-rollout --居委会 "$committee" --phase full --json | id_of)")
done
at 2020-05-11 "莱顿、淡家浜达标"
for id in "${rollouts[@]:0:2}"; do
    sf submit-self-check "$id" --checklist "$checklist" >/dev/null
    sf start-inspection "$id" >/dev/null
    sf accept "$id" >/dev/null
done
at 2020-11-02 "完善提升阶段开启；蓝天一村仍未达标（已过全面实施期限）"
sf open-improvement "$programme" --yes >/dev/null || true
sf urge "${rollouts[2]}" --comment 请尽快完成自查 >/dev/null

echo
echo "== 各角色收到的通知 / What each role was told, and when"
# Every recipient's notices, straight from the store (one person's inbox shows only theirs).
python3 - .streetflow/streetflow.sqlite <<'PY'
import sqlite3, sys
from datetime import datetime, timedelta, timezone
names = {"role:office": "社区自治办", "role:street": "街道办事处", "role:admin": "系统管理员", "department:demo": "演示部门"}
shanghai = timezone(timedelta(hours=8))
db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for recipient, zh, ms in db.execute("SELECT recipient, zh, created_ms FROM notices ORDER BY id"):
    when = datetime.fromtimestamp(ms / 1000, shanghai).strftime("%Y-%m-%d %H:%M")
    print(when + "  " + names.get(recipient, recipient.split(":", 1)[-1]) + "：" + zh)
PY
echo
sf show "$plaque" | sed -n "1,4p"
sf audit verify
if [ -n "${STREETFLOW_REPLAY_THEN:-}" ]; then
    PATH="$bin:$PATH" LANG=zh_CN.UTF-8 bash -c "$STREETFLOW_REPLAY_THEN"
fi
