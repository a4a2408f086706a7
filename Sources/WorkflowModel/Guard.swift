import Foundation

/// The closed set of named predicates a definition may use as guards.
///
/// | written as | true when |
/// |---|---|
/// | `onReferenceList` / `onReferenceList(KEY)` | the summary is worded exactly as an entry (title or alias) of a published reference list (or of list KEY) |
/// | `onNegativeList` | the summary is worded exactly as an entry of a published negative list |
/// | `nearNegativeList` | the summary comes close (score ≥ 0.5) to a negative-list entry without deciding: a person must confirm |
/// | `isDoorPlaque` | the summary field is one of the committee's four "2+2" door plaques |
/// | `placementAllowed(FIELD, VALUE)` | field FIELD is not VALUE, or the summary is one of the committee's 2+2 door plaques (e.g. `placementAllowed(placement, door)`) |
/// | `checklistComplete(FIELD)` | the checklist field has every item ticked |
/// | `field(X) == V` / `field(X) != V` | field X (action fields, then earlier action fields, then subject) equals / differs from V |
/// | `committeeReached(NAME, WORKFLOW, STATE)` | committee NAME (or the committee in field NAME) has a request of WORKFLOW in STATE, e.g. `committeeReached(pilot, committee-rollout, accepted)`: its rollout is accepted (达标) |
/// | `onOrAfter(YYYY-MM-DD)` | today (office time) is on or after the date |
/// | `inProgramme(FIELD)` | the committee in FIELD takes part in the street programme (the confirmed 21) |
/// | `programmeReached(WORKFLOW, STATE)` | every committee of the street programme has a request of WORKFLOW in STATE (e.g. its rollout accepted) |
/// | `noOpenRequest(FIELD)` | no other open request of this workflow concerns the committee in FIELD |
/// | `listUpdate(FIELD)` | FIELD holds a valid reference list (YAML) with a higher version than the one in force |
/// | `byDepartment` | a member of a department submitted the request (its applicant is a department), e.g. a department giving up its own admission |
///
/// A list guard that does not decide still records the candidates it saw (shown to the office).
/// In `field(X) == V`, V may itself be `field(Y)`: the two fields must hold the same value.
///
/// Any guard may be negated with a leading `not `.
public enum GuardPredicate: Hashable, Sendable, Codable {
    case onReferenceList(String?)
    case onNegativeList
    case nearNegativeList
    case isDoorPlaque
    case placementAllowed(field: String, value: String)
    case checklistComplete(String)
    case fieldEquals(String, String)
    case fieldNotEquals(String, String)
    case committeeReached(String, StateReference)
    case onOrAfter(LocalDate)
    case inProgramme(String)
    case programmeReached(StateReference)
    case noOpenRequest(String)
    case listUpdate(String)
    case byDepartment

    /// The guard's name as written, for errors.
    public var name: String {
        switch self {
        case .onReferenceList: return "onReferenceList"
        case .onNegativeList: return "onNegativeList"
        case .nearNegativeList: return "nearNegativeList"
        case .isDoorPlaque: return "isDoorPlaque"
        case .placementAllowed: return "placementAllowed"
        case .checklistComplete: return "checklistComplete"
        case .fieldEquals, .fieldNotEquals: return "field"
        case .committeeReached: return "committeeReached"
        case .onOrAfter: return "onOrAfter"
        case .inProgramme: return "inProgramme"
        case .programmeReached: return "programmeReached"
        case .noOpenRequest: return "noOpenRequest"
        case .listUpdate: return "listUpdate"
        case .byDepartment: return "byDepartment"
        }
    }

    /// The field the predicate reads, if it reads one named field.
    public var fieldKey: String? {
        switch self {
        case .checklistComplete(let key), .fieldEquals(let key, _), .fieldNotEquals(let key, _): return key
        case .placementAllowed(let field, _): return field
        default: return nil
        }
    }

    /// The names `GuardExpression(parsing:)` knows, for hints.
    public static let knownNames = [
        "onReferenceList", "onNegativeList", "nearNegativeList", "isDoorPlaque", "placementAllowed",
        "checklistComplete", "field", "committeeReached", "onOrAfter", "inProgramme", "programmeReached",
        "noOpenRequest", "listUpdate", "byDepartment",
    ]
}

/// A guard as written in a definition: a predicate, possibly negated.
public struct GuardExpression: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The predicate.
    public var predicate: GuardPredicate
    /// Whether the result is inverted (`not ...`).
    public var negated: Bool

    /// Creates a guard.
    public init(_ predicate: GuardPredicate, negated: Bool = false) {
        self.predicate = predicate
        self.negated = negated
    }

    /// Why a guard text could not be read.
    public struct ParseError: Error, Hashable, Sendable {
        /// What is wrong.
        public var message: String
    }

    /// Parses `name`, `name(arg)`, `field(x) == v`, `field(x) != v`, each optionally prefixed by `not `.
    public init(parsing text: String) throws(ParseError) {
        var rest = text.trimmingCharacters(in: .whitespaces)
        var negated = false
        if rest.hasPrefix("not ") {
            negated = true
            rest = String(rest.dropFirst(4)).trimmingCharacters(in: .whitespaces)
        }
        for op in ["==", "!="] {
            if let range = rest.range(of: op) {
                let lhs = rest[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let rhs = rest[range.upperBound...].trimmingCharacters(in: .whitespaces)
                guard lhs.hasPrefix("field("), lhs.hasSuffix(")"), !rhs.isEmpty else {
                    throw ParseError(message: "a comparison is written field(KEY) \(op) VALUE")
                }
                let key = String(lhs.dropFirst(6).dropLast()).trimmingCharacters(in: .whitespaces)
                let value = rhs.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                self.init(op == "==" ? .fieldEquals(key, value) : .fieldNotEquals(key, value), negated: negated)
                return
            }
        }
        var name = rest
        var argument: String?
        if let open = rest.firstIndex(of: "(") {
            guard rest.hasSuffix(")") else { throw ParseError(message: "missing ')' in '\(text)'") }
            name = String(rest[..<open])
            argument = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
                .trimmingCharacters(in: .whitespaces)
            if argument?.isEmpty == true { argument = nil }
        }
        func required(_ what: String) throws(ParseError) -> String {
            guard let argument else { throw ParseError(message: "\(name) needs \(what) in parentheses") }
            return argument
        }
        func arguments(_ count: Int, _ what: String) throws(ParseError) -> [String] {
            let parts = (argument ?? "").split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == count, !parts.contains(where: \.isEmpty) else {
                throw ParseError(message: "\(name) takes \(what) in parentheses")
            }
            return parts
        }
        let predicate: GuardPredicate
        switch name {
        case "onReferenceList": predicate = .onReferenceList(argument)
        case "onNegativeList": predicate = .onNegativeList
        case "nearNegativeList": predicate = .nearNegativeList
        case "isDoorPlaque": predicate = .isDoorPlaque
        case "placementAllowed":
            let parts = try arguments(2, "a subject field and its door value: placementAllowed(FIELD, VALUE)")
            predicate = .placementAllowed(field: parts[0], value: parts[1])
        case "inProgramme": predicate = .inProgramme(try required("a committee field"))
        case "programmeReached":
            let parts = try arguments(2, "a workflow and a state: programmeReached(WORKFLOW, STATE)")
            predicate = .programmeReached(StateReference(workflow: parts[0], state: parts[1]))
        case "noOpenRequest": predicate = .noOpenRequest(try required("a committee field"))
        case "listUpdate": predicate = .listUpdate(try required("a field holding the list"))
        case "byDepartment": predicate = .byDepartment
        case "checklistComplete": predicate = .checklistComplete(try required("a checklist field"))
        case "committeeReached":
            let parts = try arguments(
                3, "a committee or committee field, a workflow and a state: (NAME, WORKFLOW, STATE)")
            predicate = .committeeReached(parts[0], StateReference(workflow: parts[1], state: parts[2]))
        case "field":
            throw ParseError(message: "a comparison is written field(KEY) == VALUE or field(KEY) != VALUE")
        case "onOrAfter":
            let text = try required("a date")
            guard let date = LocalDate(text) else { throw ParseError(message: "'\(text)' is not a YYYY-MM-DD date") }
            predicate = .onOrAfter(date)
        default:
            throw ParseError(
                message: "unknown guard '\(name)'; known: \(GuardPredicate.knownNames.joined(separator: ", "))")
        }
        self.init(predicate, negated: negated)
    }

    /// The guard as written.
    public var description: String {
        let body: String
        switch predicate {
        case .onReferenceList(let list): body = list.map { "onReferenceList(\($0))" } ?? "onReferenceList"
        case .onNegativeList: body = "onNegativeList"
        case .nearNegativeList: body = "nearNegativeList"
        case .isDoorPlaque: body = "isDoorPlaque"
        case .placementAllowed(let field, let value): body = "placementAllowed(\(field), \(value))"
        case .checklistComplete(let f): body = "checklistComplete(\(f))"
        case .fieldEquals(let k, let v): body = "field(\(k)) == \(v)"
        case .fieldNotEquals(let k, let v): body = "field(\(k)) != \(v)"
        case .committeeReached(let c, let ref): body = "committeeReached(\(c), \(ref.workflow), \(ref.state))"
        case .onOrAfter(let d): body = "onOrAfter(\(d))"
        case .inProgramme(let f): body = "inProgramme(\(f))"
        case .programmeReached(let ref): body = "programmeReached(\(ref.workflow), \(ref.state))"
        case .noOpenRequest(let f): body = "noOpenRequest(\(f))"
        case .listUpdate(let f): body = "listUpdate(\(f))"
        case .byDepartment: body = "byDepartment"
        }
        return negated ? "not \(body)" : body
    }
}

/// The result of evaluating one guard.
public struct GuardOutcome: Hashable, Sendable {
    /// Whether the guard holds.
    public var passed: Bool
    /// Why it holds or not, in zh/en.
    public var reason: LocalizedText
    /// The reference-list entry the check used, recorded on the event.
    public var match: ListMatch?
}

/// The values a guard reads.
public struct GuardInput: Sendable {
    /// The definition.
    public var definition: WorkflowDefinition
    /// The instance subject.
    public var subject: [String: FieldValue]
    /// Fields of this action, then fields recorded by earlier actions.
    public var fields: [String: FieldValue]
    /// The world outside the instance.
    public var context: TransitionContext
    /// The department that submitted the request (nil: not a department, or not known yet).
    public var applicantDepartment: String?

    /// Creates an input.
    public init(
        definition: WorkflowDefinition, subject: [String: FieldValue], fields: [String: FieldValue],
        context: TransitionContext, applicantDepartment: String? = nil
    ) {
        self.applicantDepartment = applicantDepartment
        self.definition = definition
        self.subject = subject
        self.fields = fields
        self.context = context
    }

    func value(_ key: String) -> FieldValue? { fields[key] ?? subject[key] }

    var summary: String { subject[definition.summaryField]?.displayText ?? "" }

    var committee: Committee? {
        guard let key = definition.committeeField, let name = subject[key]?.stringValue else { return nil }
        return context.committee(named: name)
    }
}

extension GuardExpression {
    /// Evaluates the guard; pure.
    public func evaluate(_ input: GuardInput) -> GuardOutcome {
        var outcome = predicate.evaluate(input)
        if negated {
            outcome.passed.toggle()
        }
        return outcome
    }
}

extension GuardPredicate {
    func evaluate(_ input: GuardInput) -> GuardOutcome {
        let today = LocalDate(input.context.now)
        switch self {
        case .onReferenceList(let key):
            let lists = input.context.lists
            if let match = lists.decisive(input.summary, kind: .reference, in: key, on: today) {
                return GuardOutcome(
                    passed: true,
                    reason: LocalizedText(
                        zh: "列入参考清单《\(match.list)》第 \(match.entry.code) 项「\(match.wording ?? match.entry.title)」",
                        en: "on reference list \(match.list), entry \(match.entry.code)"),
                    match: match)
            }
            let near = lists.match(input.summary, in: key, on: today)
            return GuardOutcome(passed: false, reason: Self.undecided(near), match: near)
        case .onNegativeList:
            if let match = input.context.lists.decisive(input.summary, kind: .negative, on: today) {
                let alternative = match.entry.alternative ?? ""
                return GuardOutcome(
                    passed: true,
                    reason: LocalizedText(
                        zh: "属于负面清单事项 \(match.entry.code)「\(match.entry.title)」，居委会不得出具；请至\(alternative)办理",
                        en:
                            "on the negative list (\(match.entry.code) \(match.entry.title)); committees may not do this. Go to: \(alternative)"
                    ),
                    match: match)
            }
            let near = input.context.lists.match(input.summary, on: today)
            return GuardOutcome(passed: false, reason: Self.undecided(near), match: near)
        case .nearNegativeList:
            let lists = input.context.lists
            let all = lists.candidates(input.summary, on: today)
            guard var best = all.first(where: { $0.kind == .negative && ($0.score ?? 0) >= 0.5 }) else {
                return GuardOutcome(
                    passed: false, reason: LocalizedText(zh: "与负面清单不相近", en: "not close to the negative list"),
                    match: nil)
            }
            let others = all.filter { $0 != best }
            best.candidates = others.isEmpty ? nil : others
            return GuardOutcome(
                passed: true,
                reason: LocalizedText(
                    zh: "疑似负面清单事项 \(best.summary)：请自治办确认不予准入，或说明理由后按清单外事项办理",
                    en:
                        "close to negative-list entry \(best.entry.code) \(best.entry.title): the office confirms the refusal or overrides it with a reason"
                ),
                match: best)
        case .isDoorPlaque:
            return doorPlaque(input)
        case .placementAllowed(let field, let value):
            guard input.value(field)?.stringValue == value else {
                return GuardOutcome(
                    passed: true, reason: LocalizedText(zh: "挂于室内或服务区域", en: "placed inside or in the service area"))
            }
            let door = doorPlaque(input)
            return GuardOutcome(
                passed: door.passed,
                reason: door.passed
                    ? door.reason
                    : LocalizedText(
                        zh: "门口只挂\"2+2\"四块牌子；其他标牌请挂在居委会内部或服务区域",
                        en:
                            "only the four 2+2 plaques hang at the door; hang other plaques inside or in the service area"
                    ))
        case .checklistComplete(let key):
            // A checklist is usually an action field (submit-self-check's `checklist`), not a subject field.
            let field =
                input.definition.field(key) ?? input.definition.actions.flatMap(\.fields).first { $0.key == key }
            let items = field?.values.map(\.key) ?? []
            let ticked = Set(input.value(key)?.listValue ?? [])
            let missing = items.filter { !ticked.contains($0) }
            let labels = missing.map { field?.valueLabel($0) ?? LocalizedText(zh: $0, en: $0) }
            return GuardOutcome(
                passed: missing.isEmpty,
                reason: missing.isEmpty
                    ? LocalizedText(zh: "检查项全部完成", en: "every checklist item is done")
                    : LocalizedText(
                        zh: "检查项尚未全部完成：\(labels.map(\.zh).joined(separator: "、"))",
                        en: "checklist items not done: \(labels.map { $0.text(.en) }.joined(separator: ", "))"))
        case .fieldEquals(let key, let value), .fieldNotEquals(let key, let value):
            let actual = input.value(key)?.displayText ?? ""
            let field = input.definition.anyField(key)
            let name = field?.label ?? LocalizedText(zh: key, en: key)
            // `field(X) == field(Y)`: the two fields must hold the same value.
            var compared = value
            if value.hasPrefix("field("), value.hasSuffix(")") {
                compared = input.value(String(value.dropFirst(6).dropLast()))?.displayText ?? ""
            }
            let expected = field?.valueLabel(compared) ?? LocalizedText(zh: compared, en: compared)
            let now = field?.valueLabel(actual) ?? LocalizedText(zh: actual, en: actual)
            let equal = actual == compared
            if case .fieldNotEquals = self {
                return GuardOutcome(
                    passed: !equal,
                    reason: LocalizedText(
                        zh: "「\(name.zh)」是「\(now.zh)」", en: "'\(name.text(.en))' is '\(now.text(.en))'"))
            }
            return GuardOutcome(
                passed: equal,
                reason: equal
                    ? LocalizedText(zh: "「\(name.zh)」是「\(now.zh)」", en: "'\(name.text(.en))' is '\(now.text(.en))'")
                    : LocalizedText(
                        zh: "只有「\(name.zh)」为「\(expected.zh)」时才可以，现为「\(now.zh)」",
                        en: "only when '\(name.text(.en))' is '\(expected.text(.en))'; it is '\(now.text(.en))'"))
        case .committeeReached(let argument, let reference):
            let name = input.value(argument)?.stringValue ?? argument
            let reached = input.context.committeesInState[reference]?.contains(name) ?? false
            let label = input.context.stateLabels[reference]
            let zh = label?.zh ?? "\(reference.workflow)/\(reference.state)"
            let en = label?.text(.en) ?? "\(reference.workflow)/\(reference.state)"
            return GuardOutcome(
                passed: reached,
                reason: reached
                    ? LocalizedText(zh: "\(name)已达到「\(zh)」", en: "\(name) has reached '\(en)'")
                    : LocalizedText(zh: "\(name)尚未达到「\(zh)」", en: "\(name) has not reached '\(en)' yet"))
        case .inProgramme(let key):
            let name = input.value(key)?.stringValue ?? ""
            let member = input.context.committee(named: name)?.programme ?? input.context.committees.isEmpty
            return GuardOutcome(
                passed: member,
                reason: member
                    ? LocalizedText(zh: "\(name)属于提标增能推进计划", en: "\(name) takes part in the programme")
                    : LocalizedText(
                        zh: "\(name)不在提标增能推进计划的居委会名单内（名单由自治办在配置中确认）",
                        en:
                            "\(name) is not one of the programme's committees (the office confirms them in the configuration)"
                    ))
        case .programmeReached(let reference):
            let reached = input.context.committeesInState[reference] ?? []
            let missing = input.context.committees.filter(\.programme).map(\.name).filter { !reached.contains($0) }
            let label = input.context.stateLabels[reference]
            let zh = label?.zh ?? "\(reference.workflow)/\(reference.state)"
            let en = label?.text(.en) ?? "\(reference.workflow)/\(reference.state)"
            return GuardOutcome(
                passed: missing.isEmpty,
                reason: missing.isEmpty
                    ? LocalizedText(zh: "计划内居委会全部达到「\(zh)」", en: "every committee of the programme has reached '\(en)'")
                    : LocalizedText(
                        zh: "尚有 \(missing.count) 个居委会未达到「\(zh)」：\(missing.joined(separator: "、"))",
                        en: "\(missing.count) committees have not reached '\(en)': \(missing.joined(separator: ", "))"))
        case .byDepartment:
            return GuardOutcome(
                passed: input.applicantDepartment != nil,
                reason: input.applicantDepartment != nil
                    ? LocalizedText(zh: "由申请部门自行提出", en: "submitted by the department itself")
                    : LocalizedText(zh: "不是由部门提出", en: "not submitted by a department"))
        case .noOpenRequest(let key):
            let name = input.value(key)?.stringValue ?? ""
            let open = input.context.openCommittees.contains(name)
            return GuardOutcome(
                passed: !open,
                reason: open
                    ? LocalizedText(
                        zh: "\(name)已有一件未办结的同类申请，不能重复提交", en: "\(name) already has an open request of this kind")
                    : LocalizedText(zh: "\(name)没有未办结的同类申请", en: "\(name) has no open request of this kind"))
        case .listUpdate(let key):
            let list: ReferenceList
            do {
                list = try ReferenceList.parse(yaml: input.value(key)?.stringValue ?? "", source: key)
            } catch {
                return GuardOutcome(
                    passed: false,
                    reason: LocalizedText(zh: "清单内容无效：\(error.message)", en: "the list is not valid: \(error.message)"))
            }
            let current = input.context.lists.list(list.key)
            if let current, list.version <= current.version {
                return GuardOutcome(
                    passed: false,
                    reason: LocalizedText(
                        zh: "清单 \(list.key) 现行为第 \(current.version) 版，新版本号须大于它（现为 \(list.version)）",
                        en:
                            "list \(list.key) is at version \(current.version); the new version must be higher (is \(list.version))"
                    ))
            }
            return GuardOutcome(passed: true, reason: list.diff(from: current).summary)
        case .onOrAfter(let date):
            let ok = today >= date
            return GuardOutcome(
                passed: ok,
                reason: LocalizedText(
                    zh: ok ? "已到 \(date)" : "须在 \(date) 之后", en: ok ? "on or after \(date)" : "not before \(date)"))
        }
    }

    /// Why a list guard did not decide, naming the closest entries for the office.
    static func undecided(_ near: ListMatch?) -> LocalizedText {
        guard let near else {
            return LocalizedText(
                zh: "未列入参考清单，也无相近条目；按清单外事项办理", en: "on no list and close to no entry: the full procedure applies")
        }
        let all = [near] + (near.candidates ?? [])
        return LocalizedText(
            zh: "未与已公布清单的条目完全一致，须自治办判断；相近条目：\(all.map(\.summary).joined(separator: "；"))",
            en:
                "not worded as an entry of a published list; the office decides. Close entries: \(all.map { "\($0.entry.code) \($0.entry.title) (\(String(format: "%.2f", $0.score ?? 0)))" }.joined(separator: "; "))"
        )
    }

    private func doorPlaque(_ input: GuardInput) -> GuardOutcome {
        guard let committee = input.committee else {
            return GuardOutcome(passed: false, reason: LocalizedText(zh: "未指定居委会", en: "no committee given"))
        }
        let isPlaque = committee.isDoorPlaque(input.summary)
        return GuardOutcome(
            passed: isPlaque,
            reason: isPlaque
                ? LocalizedText(zh: "属于\"2+2\"门口标牌", en: "one of the 2+2 door plaques")
                : LocalizedText(zh: "不是\"2+2\"门口标牌", en: "not one of the 2+2 door plaques"))
    }
}

/// A state of a workflow that a guard asks about (`committeeReached`): which committees have a request there.
public struct StateReference: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The workflow key.
    public var workflow: String
    /// The state key.
    public var state: String

    /// Creates a reference.
    public init(workflow: String, state: String) {
        self.workflow = workflow
        self.state = state
    }

    public var description: String { "\(workflow)/\(state)" }
}

extension WorkflowDefinition {
    /// The states of other workflows this definition's guards ask about; the engine reads which committees have
    /// a request there (`StoreReader.committees(in:)`) before a transition.
    public var stateQueries: Set<StateReference> {
        var queries: Set<StateReference> = []
        for expression in submit.guards + actions.flatMap(\.guards) {
            if case .committeeReached(_, let reference) = expression.predicate { queries.insert(reference) }
            if case .programmeReached(let reference) = expression.predicate { queries.insert(reference) }
        }
        return queries
    }
}
