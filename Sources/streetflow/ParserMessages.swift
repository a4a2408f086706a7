import Foundation
import WorkflowModel

/// The argument parser's own messages (unknown option, missing value, …) in the user's language.
enum ParserMessages {
    /// The parser's message, translated line by line into Chinese; English is returned as it is.
    static func translate(_ message: String, language: Language) -> String {
        guard language == .zh else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false)
            .map { translateLine(String($0)) }.joined(separator: "\n")
    }

    /// A help screen with the parser's headings and built-in lines in Chinese (the command's own texts are
    /// already "中文 / English").
    static func translateHelp(_ help: String, language: Language) -> String {
        guard language == .zh else { return help }
        let headings = [
            ("OVERVIEW:", "概述："), ("USAGE:", "用法："), ("ARGUMENTS:", "参数："), ("OPTIONS:", "选项："),
            ("SUBCOMMANDS:", "子命令："),
        ]
        let builtIn = [
            ("Show help information.", "显示帮助信息。"), ("Show the version.", "显示版本号。"),
        ]
        // "(default: 50)" and "(values: zh, en)", even where the parser wrapped them over two lines.
        var help = help
        for (english, chinese) in [("default", "默认"), ("values", "可选")] {
            help = help.replacingOccurrences(
                of: #"\("# + english + #": ([^)]*)\)"#, with: "（" + chinese + "：$1）", options: .regularExpression)
        }
        return help.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var text = String(line)
            if let heading = headings.first(where: { text == $0.0 }) { return heading.1 }
            if let heading = headings.first(where: { text.hasPrefix($0.0 + " ") }) {
                return heading.1 + text.dropFirst(heading.0.count + 1)
            }
            for (english, chinese) in builtIn { text = text.replacingOccurrences(of: english, with: chinese) }
            if text.hasSuffix(" for detailed help.") || text.hasPrefix("  See '") {
                return ParserMessages.translate(
                    text.replacingOccurrences(of: " for detailed help.", with: " for more information."),
                    language: language)
            }
            return text
        }.joined(separator: "\n")
    }

    private static let rules: [(pattern: String, template: String)] = [
        (#"^Unknown option '([^']+)'\. Did you mean '([^']+)'\?$"#, "未知选项「$1」，是不是要用「$2」？"),
        (#"^Unknown option '([^']+)'$"#, "未知选项「$1」；用 --help 查看可用选项"),
        (#"^Missing value for '([^']+)'$"#, "选项「$1」缺少值"),
        (#"^Missing expected argument '([^']+)'$"#, "缺少参数「$1」"),
        (#"^Missing one of: (.*)$"#, "须给出其中之一：$1"),
        (#"^Unexpected argument '([^']+)'$"#, "多余的参数「$1」"),
        (#"^\d+ unexpected arguments: (.*)$"#, "多余的参数：$1"),
        (#"^The option '([^']+)' does not take any value, but '([^']+)' was specified\.$"#, "选项「$1」不带值，却给了「$2」"),
        (#"^Value to be set with (.*) had already been set with (.*)$"#, "$1 与 $2 重复"),
        (#"^The value '([^']*)' is invalid for '([^']+)'\. Please provide one of (.*)\.$"#, "「$2」的值「$1」无效；可选：$3"),
        (#"^The value '([^']*)' is invalid for '([^']+)'\. Please provide one of the following:$"#, "「$2」的值「$1」无效；可选："),
        (#"^The value '([^']*)' is invalid for '([^']+)'(.*)$"#, "「$2」的值「$1」无效$3"),
        (#"^Usage: (.*)$"#, "用法：$1"),
        (#"^\s*See '([^']+)' for more information\.$"#, "  详见「$1」。"),
    ]

    private static func translateLine(_ line: String) -> String {
        var text = line
        // "Error: Unknown option …": the prefix first, then the sentence after it.
        var prefix = ""
        if text.hasPrefix("Error: ") {
            prefix = "错误："
            text = String(text.dropFirst("Error: ".count))
        }
        for rule in rules {
            guard let regex = try? NSRegularExpression(pattern: rule.pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            guard regex.firstMatch(in: text, range: range) != nil else { continue }
            text = regex.stringByReplacingMatches(in: text, range: range, withTemplate: rule.template)
            break
        }
        // "'a', 'b' and 'c'" → "a、b、c".
        if text != line || !prefix.isEmpty {
            text = text.replacingOccurrences(of: "' and '", with: "、").replacingOccurrences(of: "' or '", with: "、")
                .replacingOccurrences(of: "', '", with: "、")
                .replacingOccurrences(of: "：'", with: "：").replacingOccurrences(of: "'。", with: "。")
            if text.hasSuffix("'") { text.removeLast() }
        }
        return prefix + text
    }
}
