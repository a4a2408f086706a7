import Foundation

/// What text StreetFlow accepts and stores: NFC-normalised; no NUL, no C0/C1 control character (newline and tab
/// only where the text may span lines), no line or paragraph separator, no invisible format character (bidi
/// overrides and isolates, zero-width space, byte-order mark, tag characters; the zero-width joiners ZWNJ/ZWJ stay,
/// emoji and some scripts need them); at most `maxLength` grapheme clusters and `maxBytes` UTF-8 bytes.
///
/// What passes is stored, hashed into the audit chain and shown exactly as it was accepted.
public struct TextRule: Hashable, Sendable {
    /// Whether newline and tab are allowed (a carriage return before a newline is dropped).
    public var multiline: Bool
    /// The most grapheme clusters (what a reader counts as characters).
    public var maxLength: Int
    /// The most UTF-8 bytes (one character followed by thousands of combining marks is one grapheme cluster).
    public var maxBytes: Int

    /// Creates a rule.
    public init(multiline: Bool, maxLength: Int, maxBytes: Int? = nil) {
        self.multiline = multiline
        self.maxLength = maxLength
        self.maxBytes = maxBytes ?? Self.defaultBytes(forLength: maxLength)
    }

    /// The byte cap that goes with a length: eight bytes per character (a Chinese character takes three, most
    /// emoji sequences fit), at least 64.
    public static func defaultBytes(forLength length: Int) -> Int {
        let (bytes, overflow) = length.multipliedReportingOverflow(by: 8)
        return overflow ? Int.max : max(64, bytes)
    }

    /// Identifiers, user names, idempotency keys, filter values: one line, 200 characters.
    public static let line = TextRule(multiline: false, maxLength: 200, maxBytes: 800)
    /// Comments (意见): several lines, 2000 characters.
    public static let comment = TextRule(multiline: true, maxLength: 2000)
    /// List search text: one line, 200 characters.
    public static let search = TextRule(multiline: false, maxLength: 200, maxBytes: 800)
    /// The length of a text field that declares none.
    public static let defaultFieldLength = 2000

    /// The text as it will be stored (NFC, CRLF → LF in multi-line text), or why it is refused.
    public func check(_ text: String) -> Result<String, TextProblem> {
        var text = text
        if multiline, text.utf8.contains(0x0D) { text = text.replacingCRLF() }
        // NFC can at most triple a text's length; refuse a huge text before normalising it.
        if maxBytes < Int.max / 3, text.utf8.count > maxBytes * 3 {
            if text.count > maxLength { return .failure(TextProblem(.tooLong, limit: maxLength)) }
            return .failure(TextProblem(.tooManyBytes, limit: maxBytes))
        }
        if let problem = Self.forbiddenScalar(in: text, multiline: multiline) { return .failure(problem) }
        let normalised = Self.isNFCStable(text) ? text : text.nfc
        let bytes = normalised.utf8.count
        if bytes > maxBytes { return .failure(TextProblem(.tooManyBytes, limit: maxBytes)) }
        // No text has more characters than bytes: count them only when the bytes could exceed the limit.
        if bytes > maxLength, normalised.count > maxLength { return .failure(TextProblem(.tooLong, limit: maxLength)) }
        return .success(normalised)
    }

    /// Whether NFC leaves `text` as it is without asking ICU: every scalar is printable ASCII, a newline or tab, CJK
    /// punctuation without its combining tone marks (U+3000–U+3029), a CJK unified ideograph (U+4E00–U+9FFF) or a
    /// full-width form (U+FF01–U+FF5E). None of them has a canonical decomposition, none is a combining mark, so no
    /// two of them compose — the text of nearly every request and comment, normalised for free.
    static func isNFCStable(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.value {
            case 0x09, 0x0A, 0x20...0x7E, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return true
            default: return false
            }
        }
    }

    /// The first character no text may carry, if any.
    public static func forbiddenScalar(in text: String, multiline: Bool) -> TextProblem? {
        var position = 0
        for scalar in text.unicodeScalars {
            if isForbidden(scalar, multiline: multiline) {
                return TextProblem(scalar.value == 0 ? .nul : .controlCharacter, scalar: scalar, position: position)
            }
            position += 1
        }
        return nil
    }

    /// Whether a scalar may never be stored (newline and tab only in multi-line text).
    public static func isForbidden(_ scalar: Unicode.Scalar, multiline: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return !multiline
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200C, 0x200D: return false
        case 0x20...0x7E: return false
        // CJK unified ideographs (letters, none a noncharacter): the bulk of every Chinese text, decided at once.
        case 0x4E00...0x9FFF: return false
        default:
            if scalar.properties.isNoncharacterCodePoint { return true }
            switch scalar.properties.generalCategory {
            case .format, .control, .lineSeparator, .paragraphSeparator, .surrogate: return true
            default: return false
            }
        }
    }
}

/// Why a text was refused.
public struct TextProblem: Error, Hashable, Sendable {
    /// The kinds of refusal; each is the `reason` parameter of the error that names the field.
    public enum Reason: String, Hashable, Sendable {
        /// A NUL character (U+0000).
        case nul
        /// A control, separator or invisible format character.
        case controlCharacter
        /// More grapheme clusters than allowed.
        case tooLong
        /// More UTF-8 bytes than allowed.
        case tooManyBytes
    }

    /// What is wrong.
    public var reason: Reason
    /// The refused character.
    public var scalar: Unicode.Scalar?
    /// Its position, counted in Unicode scalars from 0.
    public var position: Int?
    /// The limit exceeded.
    public var limit: Int?

    /// Creates a problem.
    public init(_ reason: Reason, scalar: Unicode.Scalar? = nil, position: Int? = nil, limit: Int? = nil) {
        self.reason = reason
        self.scalar = scalar
        self.position = position
        self.limit = limit
    }

    /// `U+202E` for the refused character.
    public var codePoint: String? {
        scalar.map { String(format: "U+%04X", $0.value) }
    }

    /// The named error for a field or parameter, with `field`, `reason` and what was refused or exceeded.
    /// `label` names the field in the message (its key when nil); the parameter always carries the key.
    public func error(
        _ code: WorkflowError.Code, field key: String, label: LocalizedText? = nil, parameterKey: String = "field"
    ) -> WorkflowError {
        let zhField = label?.zh ?? key
        let enField = label?.text(.en) ?? key
        var parameters: [String: FieldValue] = [parameterKey: .string(key), "reason": .string(reason.rawValue)]
        if let codePoint { parameters["character"] = .string(codePoint) }
        if let position { parameters["position"] = .int(position) }
        if let limit { parameters["limit"] = .int(limit) }
        let message: LocalizedText
        switch reason {
        case .nul:
            message = LocalizedText(
                zh: "「\(zhField)」含有空字符（U+0000），不能接受", en: "'\(enField)' contains a NUL character (U+0000)")
        case .controlCharacter:
            let name = codePoint ?? ""
            message = LocalizedText(
                zh: "「\(zhField)」含有控制字符或不可见格式字符（\(name)，第 \((position ?? 0) + 1) 个字符），不能接受",
                en:
                    "'\(enField)' contains a control or invisible format character (\(name) at character \((position ?? 0) + 1))"
            )
        case .tooLong:
            message = LocalizedText(
                zh: "「\(zhField)」不能超过 \(limit ?? 0) 字", en: "'\(enField)' may have at most \(limit ?? 0) characters")
        case .tooManyBytes:
            message = LocalizedText(
                zh: "「\(zhField)」过长：不能超过 \(limit ?? 0) 字节", en: "'\(enField)' may have at most \(limit ?? 0) bytes")
        }
        return WorkflowError(code, message, parameters)
    }
}

extension String {
    /// The text without leading and trailing white space and newlines (Foundation's `whitespacesAndNewlines`); the
    /// text itself, without a pass through Foundation, when neither end may be trimmed. Foundation's set is Unicode's
    /// White_Space plus U+200B here (`TextFastPathTests` checks every scalar).
    public var trimmedOfWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !Self.mayTrim(first) && !Self.mayTrim(last) { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func mayTrim(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar.value == 0x200B
    }

    /// Canonical composition (NFC).
    var nfc: String { precomposedStringWithCanonicalMapping }

    fileprivate func replacingCRLF() -> String {
        var result = String.UnicodeScalarView()
        var pendingCR = false
        for scalar in unicodeScalars {
            if pendingCR, scalar != "\n" { result.append("\r") }
            pendingCR = scalar == "\r"
            if !pendingCR { result.append(scalar) }
        }
        if pendingCR { result.append("\r") }
        return String(result)
    }
}
