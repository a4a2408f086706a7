import WorkflowModel

/// What the CLI writes to a terminal. Text from the daemon may carry what an older daemon stored unchecked (escape
/// sequences that retitle the window, clear the screen or colour a forged "APPROVED"; bidi overrides that reverse a
/// line); nothing of it reaches the terminal as a control: every character `TextRule` refuses is shown as a visible
/// escape (`\u{1B}`), newline and tab stay. The CLI's own colours are marks that only this type turns into SGR
/// sequences (the marks are Unicode noncharacters, which the daemon refuses in stored text).
public enum TerminalText {
    /// The SGR styles the CLI uses.
    public enum Style: String, Sendable, CaseIterable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    // U+FDD0 and U+FDD1 (a Swift literal may not name a noncharacter).
    static let markOpen = Unicode.Scalar(UInt32(0xFDD0))!
    static let markClose = Unicode.Scalar(UInt32(0xFDD1))!

    /// `text` marked to be shown in `style` by `forTerminal`.
    public static func styled(_ text: String, _ style: Style) -> String {
        "\(markOpen)\(style.rawValue)\(markClose)\(text)\(markOpen)0\(markClose)"
    }

    /// One piece of a text as a terminal will get it.
    enum Piece {
        /// Printed as it is.
        case scalar(Unicode.Scalar)
        /// Printed as its visible escape.
        case escaped(Unicode.Scalar)
        /// A style mark: the SGR parameters.
        case style(Substring.UnicodeScalarView)
    }

    /// Walks a text the way `forTerminal` prints it; with `oneLine`, newline and tab are escaped too.
    static func walk(_ text: String, oneLine: Bool = false, _ body: (Piece) -> Void) {
        let scalars = Substring(text).unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == markOpen, let (code, next) = mark(in: scalars, at: index) {
                body(.style(code))
                index = next
                continue
            }
            body(TextRule.isForbidden(scalar, multiline: !oneLine) ? .escaped(scalar) : .scalar(scalar))
            index = scalars.index(after: index)
        }
    }

    /// A well-formed style mark at `index`: the open mark, one to eight digits or `;`, the close mark.
    private static func mark(
        in scalars: Substring.UnicodeScalarView, at index: Substring.UnicodeScalarView.Index
    ) -> (Substring.UnicodeScalarView, Substring.UnicodeScalarView.Index)? {
        var cursor = scalars.index(after: index)
        let start = cursor
        var count = 0
        while cursor < scalars.endIndex, count <= 8 {
            let scalar = scalars[cursor]
            if scalar == markClose {
                guard count > 0 else { return nil }
                return (scalars[start..<cursor], scalars.index(after: cursor))
            }
            guard ("0"..."9").contains(scalar) || scalar == ";" else { return nil }
            count += 1
            cursor = scalars.index(after: cursor)
        }
        return nil
    }

    /// The visible form of a character that must not reach a terminal, e.g. `\u{1B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Text safe to write to a terminal: refused characters escaped, style marks turned into SGR sequences.
    public static func forTerminal(_ text: String, oneLine: Bool = false) -> String {
        var result = String.UnicodeScalarView()
        walk(text, oneLine: oneLine) { piece in
            switch piece {
            case .scalar(let scalar): result.append(scalar)
            case .escaped(let scalar): result.append(contentsOf: escape(scalar).unicodeScalars)
            case .style(let code):
                result.append("\u{1B}")
                result.append("[")
                result.append(contentsOf: code)
                result.append("m")
            }
        }
        return String(result)
    }

    /// A table cell: on one line (newline and tab escaped too), style marks kept for `forTerminal`.
    public static func cell(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        walk(text, oneLine: true) { piece in
            switch piece {
            case .scalar(let scalar): result.append(scalar)
            case .escaped(let scalar): result.append(contentsOf: escape(scalar).unicodeScalars)
            case .style(let code):
                result.append(markOpen)
                result.append(contentsOf: code)
                result.append(markClose)
            }
        }
        return String(result)
    }

    /// JSON text with every character a terminal could act on written as a `\u` escape: the same JSON value,
    /// safe on a screen. Only string contents can hold such characters, and there the escape is valid JSON.
    public static func json(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard TextRule.isForbidden(scalar, multiline: true) else {
                result.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            }
        }
        return String(result)
    }

    /// Columns aligned by display width, two spaces apart, the last column not padded; cells on one line.
    public static func table(_ headers: [String], _ rows: [[String]]) -> [String] {
        let columns = headers.count
        let rows = rows.map { $0.map(cell) }
        var widths = headers.map { DisplayWidth.of($0) }
        for row in rows {
            for (index, cell) in row.enumerated() where index < columns {
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for index in 0..<columns {
                let cell = index < cells.count ? cells[index] : ""
                parts.append(index == columns - 1 ? cell : DisplayWidth.pad(cell, to: widths[index]))
            }
            var text = parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return [line(headers)] + rows.map(line)
    }
}
