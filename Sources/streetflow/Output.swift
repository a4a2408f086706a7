import Foundation
import TerminalText

// Everything the CLI shows a person passes through `TerminalText.forTerminal`: this module's `print` shadows the
// standard library's, and standard error is written only through `writeError`. So no text from the daemon, however
// old the record, reaches the terminal as a control sequence.

/// Prints to standard output, made safe for a terminal.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Swift.print(TerminalText.forTerminal(text), terminator: "")
}

/// Writes to standard output at once (unbuffered, for streams), made safe for a terminal.
func writeOutput(_ text: String) {
    fflush(nil)
    FileHandle.standardOutput.write(Data(TerminalText.forTerminal(text).utf8))
}

/// Writes to standard error, made safe for a terminal.
func writeError(_ text: String) {
    FileHandle.standardError.write(Data(TerminalText.forTerminal(text).utf8))
}
