#!/usr/bin/env python3
"""Writes streetflow(1) in English (Deploy/man/streetflow.1) and in Chinese (Deploy/man/zh_CN/streetflow.1).

Both pages come from the command tree (`streetflow --experimental-dump-help`): every help text is written
"中文 / English", a discussion line is either Chinese or English (indented lines, the examples, belong to
both), and this script keeps the half of each that its language needs. Run from the package root after
`swift build --product streetflow`: python3 Deploy/man/generate.py [path/to/streetflow]. A test keeps the
checked-in pages equal to the output.
"""
import json
import os
import re
import subprocess
import sys

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

PARSER_TEXTS = {
    "Show help information.": "显示帮助信息。",
    "Show the version.": "显示版本号。",
}


def has_cjk(text):
    return CJK.search(text) is not None


def half(text, lang):
    """One language's half of a help text written '中文 / English'."""
    text = (text or "").strip()
    if not text:
        return ""
    if not has_cjk(text):
        return PARSER_TEXTS.get(text, text) if lang == "zh" else text
    for match in re.finditer(r"(?: |(?<=[）」。]))/ ", text):
        left, right = text[: match.start()], text[match.end():]
        if has_cjk(left) and not has_cjk(right.split(":")[0]):
            return left.strip() if lang == "zh" else right.strip()
    return text if lang == "zh" else ""


def discussion(text, lang):
    """The lines of a discussion that belong to a language: indented example lines belong to both."""
    lines = []
    for line in (text or "").split("\n"):
        if not line.strip():
            lines.append("")
        elif line.startswith(" "):
            lines.append(line)
        elif has_cjk(line):
            part = half(line, lang) if "/ " in line else (line if lang == "zh" else "")
            if part:
                lines.append(part)
        elif lang == "en":
            lines.append(line)
    out = "\n".join(lines).strip("\n")
    return re.sub(r"\n{2,}", "\n\n", out)


def escape(text):
    """Text safe on an mdoc text line."""
    text = text.replace("\\", "\\e")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def macro(line):
    """A macro line whose last word is Chinese gets a trailing \\& (mandoc reads CJK punctuation as a delimiter)."""
    return line + "\\&" if has_cjk(line[-1:]) else line


def sentences(line):
    """An English text line split after each sentence (mdoc: new sentence, new line)."""
    if has_cjk(line):
        return [line]
    parts = re.split(r"(?<=[a-z)][.;:]) (?=[A-Z(])", line)
    return [p for p in parts if p]


def breakable(lines):
    """Chinese text lines with an optional break (\\:) after each Chinese character: troff breaks lines only at
    spaces, which Chinese has none of. Literal displays are left as they are."""
    out = []
    literal = False
    for line in lines:
        if line.startswith(".Bd"):
            literal = True
        elif line.startswith(".Ed"):
            literal = False
        elif not literal and not line.startswith(".") and has_cjk(line):
            line = re.sub(r"([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])(?=[^\s\\])", r"\1\\:", line)
        out.append(line)
    return out


def paragraph(text):
    """A discussion as mdoc: paragraphs with .Pp, indented lines as literal displays."""
    out = []
    block = []

    def flush():
        if block:
            out.append(".Bd -literal -offset indent")
            out.extend(escape(b.strip()) for b in block)
            out.append(".Ed")
            block.clear()

    for line in text.split("\n"):
        if line.startswith(" "):
            block.append(line)
            continue
        flush()
        if not line.strip():
            if out and out[-1] != ".Pp":
                out.append(".Pp")
        else:
            out.extend(escape(part) for part in sentences(line))
    flush()
    while out and out[-1] == ".Pp":
        out.pop()
    return out


def argument_lines(argument, lang):
    kind = argument["kind"]
    names = argument.get("names", [])
    value = argument.get("valueName", "value")
    flags = []
    for name in names:
        flags.append(("Fl " + name["name"]) if name["kind"] == "short" else ("Fl -" + name["name"]))
    if kind == "positional":
        head = ".It Ar " + value + (" ..." if argument.get("isRepeating") else "")
    elif kind == "flag":
        head = ".It " + " , ".join(flags)
    else:
        head = ".It " + " , ".join(flags) + " Ar " + value
    return [head] + (sentences(escape(half(argument.get("abstract", ""), lang))) or ["\\&"])


def command_lines(command, lang, depth):
    lines = []
    name = command["commandName"]
    lines.append(".It Cm " + name if depth > 0 else ".It Cm " + name)
    abstract = half(command.get("abstract", ""), lang)
    if abstract:
        lines += sentences(escape(abstract))
    text = discussion(command.get("discussion", ""), lang)
    if text:
        lines.append(".Pp")
        lines += paragraph(text)
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    arguments = [a for a in arguments if a.get("valueName") not in ("help", "lang", "json", "socket")]
    # The --version flag of the root, which the parser repeats on every subcommand (OPTIONS lists it once).
    arguments = [a for a in arguments if not (a.get("valueName") == "version" and a.get("kind") == "flag")]
    if arguments:
        lines.append(".Bl -tag -width 6n")
        for argument in arguments:
            lines += argument_lines(argument, lang)
        lines.append(".El")
    subcommands = [c for c in command.get("subcommands", []) if c.get("shouldDisplay", True)]
    subcommands = [c for c in subcommands if c["commandName"] != "help"]
    if subcommands:
        lines.append(".Bl -tag -width 6n")
        for sub in subcommands:
            lines += command_lines(sub, lang, depth + 1)
        lines.append(".El")
    return lines


TEXT = {
    "en": {
        "name": "NAME", "synopsis": "SYNOPSIS", "description": "DESCRIPTION", "commands": "COMMANDS",
        "options": "OPTIONS", "environment": "ENVIRONMENT", "files": "FILES", "exit": "EXIT STATUS",
        "examples": "EXAMPLES", "seealso": "SEE ALSO",
    },
    "zh": {
        # mdoc(7) needs NAME first; the three standard headings stay as they are (man-db and mandoc know them).
        "name": "NAME", "synopsis": "SYNOPSIS", "description": "DESCRIPTION", "commands": "命令",
        "options": "选项", "environment": "环境变量", "files": "文件", "exit": "退出状态",
        "examples": "示例", "seealso": "参见",
    },
}

# The examples are the same commands in both pages.
EXAMPLE_FIRST = r""".Bd -literal -offset indent
streetflow submit plaque-admission --committee 蓝天二村 \e
    --text 社区卫生服务点 --placement 居委会内部 --reason 便民服务
streetflow queue
streetflow forward PA-... --comment 材料齐全 --expected-version 1
streetflow approve PA-... --comment 同意 --expected-version 2
streetflow arrange PA-... --location 服务大厅东墙 --expected-version 3
streetflow show PA-...
.Ed"""
EXAMPLE_BULK = r""".Bd -literal -offset indent
streetflow forward --all-in-queue --workflow plaque-admission --dry-run
streetflow forward --all-in-queue --workflow plaque-admission --comment 同意
.Ed"""

COMMON = {
    "en": r""".Sh OPTIONS
Every command that talks to the daemon takes:
.Bl -tag -width 6n
.It Fl -lang Ar zh|en
The interface language (default: from
.Ev LANG ) .
.It Fl -json
Print the Varlink reply as JSON with sorted keys; keys, not labels.
.It Fl -socket Ar path
The daemon's socket.
.It Fl -version
Print the version and exit.
.El
.Sh ENVIRONMENT
.Bl -tag -width STREETFLOW_SOCKET
.It Ev STREETFLOW_SOCKET
The daemon's socket when
.Fl -socket
is not given.
Otherwise
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
The terminal's zone.
Times are shown in the office's zone (the daemon's timeZone, Asia/Shanghai by default),
named when it differs from the terminal's.
.El
.Sh FILES
.Bl -tag -width Ds
.It Pa /run/streetflow/io.streetflow.sock
The daemon's Varlink socket (group streetflow).
.It Pa /usr/share/streetflow/workflows , Pa /usr/share/streetflow/seeds
Shipped workflow definitions, calendar, committees and reference lists.
.El
.Sh EXIT STATUS
.Bl -tag -width 4n
.It 0
Success.
.It 1
Any other failure; also: a bulk action where at least one item failed or that was declined,
.Cm lists check
when the task is on no list,
.Cm audit verify
when the chain is broken,
.Cm calendar is-working-day
when the date is not a working day.
.It 2
Usage: unknown option, missing argument, an unknown state, department, committee or workflow in a filter,
a bulk action without
.Fl -workflow
or, off a terminal, without
.Fl -yes .
.It 3
Not found: no such request, workflow or user.
.It 4
Permission denied: the step needs a role you do not hold; the message names it.
.It 5
Conflict: the request changed since you looked, or you already signed; the changes and the command to retry
are printed.
.It 6
Not allowed now: the action is not possible in this state, a condition did not hold, or the request is
finished.
.It 65
Invalid input: a subject or action field is wrong or missing, a comment is missing, a refused reload, or an
invalid workflow file.
.It 66
A named file or workflow file does not exist.
.It 69
Unavailable: streetflowd is not running or its socket cannot be reached, or a needed tool (Graphviz) is
missing.
Try
.Ql systemctl status streetflowd.socket .
.It 74
The daemon's store failed; nothing was changed.
.El
.Sh EXAMPLES
A first admission, typed in labels or keys alike:
@FIRST@
.Pp
Forward everything in the queue of one workflow, after seeing the plan:
@BULK@
.Sh SEE ALSO
.Xr streetflowd 8
""",
    "zh": r""".Sh 选项
与守护进程通信的命令都接受：
.Bl -tag -width 6n
.It Fl -lang Ar zh|en
界面语言（默认取环境变量 LANG）。
.It Fl -json
以 JSON 输出 Varlink 应答（键已排序）；输出的是键而非中文名称，供脚本使用。
.It Fl -socket Ar path
守护进程的套接字。
.It Fl -version
显示版本号后退出。
.El
.Sh 环境变量
.Bl -tag -width STREETFLOW_SOCKET
.It Ev STREETFLOW_SOCKET
未给出
.Fl -socket
时使用的套接字；否则依次尝试
.Pa ./.streetflow/io.streetflow.sock
（当前目录下的
.Nm streetflowd Fl -dev ）
和
.Pa /run/streetflow/io.streetflow.sock 。
.It Ev LANG , Ev LC_ALL , Ev LC_MESSAGES
以 zh 开头时显示中文，否则显示英文；
.Fl -lang
优先。
.It Ev NO_COLOR
即使在终端上也不使用颜色（颜色只在终端上使用）。
.It Ev STREETFLOW_SHARE
离线命令查找 workflows/ 和 seeds/ 的位置（默认 ./Workflows 和 ./seeds，其次 /usr/share/streetflow）。
.It Ev TZ
终端所在时区。时间一律按办事处时区（守护进程配置 timeZone，默认 Asia/Shanghai）显示，与终端时区不同时注明。
.El
.Sh 文件
.Bl -tag -width Ds
.It Pa /run/streetflow/io.streetflow.sock
守护进程的 Varlink 套接字（属组 streetflow）。
.It Pa /usr/share/streetflow/workflows , Pa /usr/share/streetflow/seeds
随软件提供的工作流定义、工作日历、居委会名单和参考清单。
.El
.Sh 退出状态
.Bl -tag -width 4n
.It 0
成功。
.It 1
其他错误；另外：批量操作中至少一件失败或被取消，
.Cm lists check
事项不在任何清单内，
.Cm audit verify
审计链断裂，
.Cm calendar is-working-day
该日不是工作日。
.It 2
用法错误：未知选项、缺少参数；筛选条件中的环节、部门、居委会或工作流不存在；批量操作未给出
.Fl -workflow ，
或不在终端上运行却未给出
.Fl -yes 。
.It 3
不存在：没有该申请、工作流或用户。
.It 4
无权限：此步骤需要你不具备的角色，提示中会说明。
.It 5
版本冲突：你查看之后申请已被他人处理，或你已会签；会列出变化和重试命令。
.It 6
当前不允许：当前环节不能执行此操作、条件不满足，或申请已办结。
.It 65
输入无效：主题字段或操作字段有误或缺失、缺少意见、重新加载被拒绝，或工作流文件有误。
.It 66
指定的文件或工作流文件不存在。
.It 69
不可用：streetflowd 未运行或无法连接其套接字，或缺少所需工具（Graphviz）。可试
.Ql systemctl status streetflowd.socket 。
.It 74
守护进程的存储失败；未做任何更改。
.El
.Sh 示例
第一件准入申请（字段值可用中文名称或键）：
@FIRST@
.Pp
先查看计划，再批量审核某一工作流待办中的全部申请：
@BULK@
.Sh 参见
.Xr streetflowd 8
""",
}


def page(tree, lang, date):
    root = tree["command"]
    t = TEXT[lang]
    lines = [
        '.\\" Generated by Deploy/man/generate.py from the command tree; do not edit.',
        ".Dd " + date,
        ".Dt STREETFLOW 1",
        ".Os",
        macro(".Sh " + t["name"]),
        ".Nm streetflow",
        macro(".Nd " + escape(half(root.get("abstract", ""), lang).rstrip(".。"))),
        ".Sh " + t["synopsis"],
        ".Nm",
        ".Ar command",
        ".Op Ar arguments ...",
        ".Op Fl -lang Ar zh|en",
        ".Op Fl -json",
        ".Op Fl -socket Ar path",
        ".Nm",
        ".Fl -version",
        ".Sh " + t["description"],
    ]
    lines += paragraph(discussion(root.get("discussion", ""), lang))
    lines.append(macro(".Sh " + t["commands"]))
    lines.append(".Bl -tag -width 6n")
    for sub in root.get("subcommands", []):
        if sub.get("shouldDisplay", True) and sub["commandName"] != "help":
            lines += command_lines(sub, lang, 1)
    lines.append(".El")
    body = COMMON[lang].replace("@FIRST@", EXAMPLE_FIRST).replace("@BULK@", EXAMPLE_BULK)
    common = [macro(line) if line.startswith(".Sh ") else line for line in body.split("\n")]
    lines += common
    if lang == "zh":
        lines = breakable(lines)
    text = "\n".join(lines)
    return text


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/streetflow"
    dump = subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True)
    tree = json.loads(dump.stdout)
    date = os.environ.get("MAN_DATE", "December 3, 2026")
    os.makedirs("Deploy/man/zh_CN", exist_ok=True)
    with open("Deploy/man/streetflow.1", "w", encoding="utf-8") as f:
        f.write(page(tree, "en", date))
    with open("Deploy/man/zh_CN/streetflow.1", "w", encoding="utf-8") as f:
        f.write(page(tree, "zh", date))


if __name__ == "__main__":
    main()
