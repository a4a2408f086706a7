# Run by Deploy/dev/replay-programme.sh (STREETFLOW_REPLAY_THEN) for the browser test of the reports: a few
# admission requests decided every way, then every report and form written into $REPORT_DIR, and the store's
# own counts of plaque requests per committee beside them (to compare with the admissions report).
set -e
out=$REPORT_DIR
idof() { python3 -c 'import json,sys; print(json.load(sys.stdin)["instance"]["id"])'; }
a=$(streetflow submit 标识挂牌准入 --居委会 莱顿 --标牌名称 平安屋 --拟挂位置 居委会内部 --申请理由 治安防范 --json | idof)
streetflow forward "$a" >/dev/null
streetflow approve "$a" --comment 同意 >/dev/null
b=$(streetflow submit 标识挂牌准入 --居委会 莱顿 --标牌名称 读书角 --拟挂位置 居委会内部 --申请理由 阅读 --json | idof)
streetflow forward "$b" --comment 材料齐全 >/dev/null
streetflow reject "$b" --comment 不符合准入条件 >/dev/null
c=$(streetflow submit 标识挂牌准入 --居委会 淡家浜 --标牌名称 健身点 --拟挂位置 居委会内部 --申请理由 健身 --json | idof)
streetflow withdraw "$c" >/dev/null
streetflow report programme --at 2020-10-31 -o "$out/programme.html"
streetflow report programme --at 2019-12-31 -o "$out/programme-2019.html"
streetflow report admissions -o "$out/admissions.html"
streetflow report admissions -o "$out/admissions.csv"
streetflow report admissions -o "$out/admissions.xlsx"
streetflow report overdue -o "$out/overdue.html"
streetflow print "$a" -o "$out/form.html"
streetflow print --all-approved -o "$out/archive" >/dev/null
sqlite3 .streetflow/streetflow.sqlite "SELECT committee, count(*) FROM instances WHERE workflow = 'plaque-admission' GROUP BY committee ORDER BY committee" > "$out/counts.txt"
echo "$a" > "$out/admitted.txt"
