/// A refused command: a named code (the Varlink error's short name), a message in zh/en and the parameters a
/// client needs to act on it.
public struct WorkflowError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of refusal; a struct so new codes break nobody.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The action does not exist or cannot be taken in this state; `allowed` lists what can.
        public static let actionNotAllowed = Code(rawValue: "ActionNotAllowed")
        /// The caller lacks the role; `required` names it.
        public static let permissionDenied = Code(rawValue: "PermissionDenied")
        /// A guard did not hold; `guard` and `reason` say which and why.
        public static let guardFailed = Code(rawValue: "GuardFailed")
        /// The subject is wrong; `field` and `reason` say where.
        public static let invalidSubject = Code(rawValue: "InvalidSubject")
        /// An action field is wrong; `field` and `reason` say where.
        public static let invalidField = Code(rawValue: "InvalidField")
        /// The action needs a comment.
        public static let commentRequired = Code(rawValue: "CommentRequired")
        /// This user already signed this 会签 action.
        public static let alreadySigned = Code(rawValue: "AlreadySigned")
        /// The instance is finished.
        public static let instanceFinal = Code(rawValue: "InstanceFinal")
        /// A timer no longer applies (the instance moved on).
        public static let timerStale = Code(rawValue: "TimerStale")
        /// A migration target lacks the instance's state or is not newer.
        public static let migrationNotPossible = Code(rawValue: "MigrationNotPossible")
    }

    /// The code.
    public var code: Code
    /// One sentence in zh/en: what happened and what to do.
    public var message: LocalizedText
    /// Parameters for clients.
    public var parameters: [String: FieldValue]

    /// Creates an error.
    public init(_ code: Code, _ message: LocalizedText, _ parameters: [String: FieldValue] = [:]) {
        self.code = code
        self.message = message
        self.parameters = parameters
    }

    public var description: String { "\(code.rawValue): \(message.text(.en))" }
}
