import Foundation

/// Asks before something that cannot be undone: "确认执行？[y/N]" on a terminal; scripts say `--yes`.
enum Confirmation {
    /// Whether a person is at the terminal (standard input is a TTY).
    static var interactive: Bool { isatty(STDIN_FILENO) == 1 }

    /// The answer to the question on standard error; only y/yes/是 (any case) is yes, end of input is no.
    static func ask(_ question: String, console: Console) -> Bool {
        writeError(question + " [y/N] ")
        guard let answer = readLine(strippingNewline: true) else {
            writeError("\n")
            return false
        }
        return ["y", "yes", "是", "确认"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Goes on when `yes` was given or the person at the terminal agrees; throws "cancelled" (exit 1) when
    /// they decline. Without a terminal, `requireYesWithoutTTY` makes it a usage error (exit 2) to go on
    /// without `--yes`, so a script never acts in bulk by accident.
    static func confirm(yes: Bool, requireYesWithoutTTY: Bool, console: Console) throws {
        if yes { return }
        guard interactive else {
            if requireYesWithoutTTY {
                throw CLIFailure(
                    message: console.say(
                        "不在终端上运行：批量操作须加 --yes 才会执行（可先用 --dry-run 查看将处理哪些申请）",
                        "not on a terminal: a bulk action needs --yes to run (see what it would touch with --dry-run)"),
                    status: ExitStatus.usage)
            }
            return
        }
        guard ask(console.say("确认执行？", "Go ahead?"), console: console) else {
            throw CLIFailure(
                message: console.say("已取消，未做任何更改", "cancelled; nothing was changed"), status: ExitStatus.failure)
        }
    }
}
