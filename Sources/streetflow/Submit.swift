import ArgumentParser
import Foundation
import StreetFlowClient
import StreetFlowProtocol
import Varlink
import WorkflowModel
import Yams

struct Submit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "提交准入申请 / Submit a request.",
        discussion: """
            主题字段按工作流定义以 --<字段> 值 给出，或用 --from 文件.yaml。用 streetflow describe WORKFLOW 查看字段。
            Give the definition's subject fields as --<field> VALUE, or --from FILE.yaml; see streetflow describe \
            WORKFLOW for the fields.

            例 / Example:
              streetflow submit plaque-admission --committee 蓝天二村 --text "法律服务点" --placement inside --reason "…"
            """)

    @Argument(
        help: "工作流，如 plaque-admission / The workflow key, e.g. plaque-admission.", completion: LiveCompletion.workflows)
    var workflow: String

    @Option(help: "从 YAML 文件读取主题字段 / Read the subject fields from a YAML file.")
    var from: String?

    @Option(help: "附言 / A comment.")
    var comment: String?

    @Option(help: "幂等键，重试时不会重复提交 / An idempotency key: a retry does not submit twice.")
    var idempotencyKey: String?

    @Option(
        name: .customLong("attach"), help: "附件，如 申请函.pdf（可重复）/ A file to attach, e.g. a scanned letter (repeatable).",
        completion: .file())
    var attach: [String] = []

    @OptionGroup var global: GlobalOptions

    @Argument(parsing: .allUnrecognized, help: "--<字段> 值 / --<field> VALUE", completion: LiveCompletion.fieldValues)
    var fieldArguments: [String] = []

    func run() async throws {
        let console = global.console
        try await global.withClient { client in
            let workflow = try await Verbs.workflow(workflow, client: client, console: console)
            let described = try await client.workflow.describeWorkflow(workflow: workflow)
            let definition: WorkflowDefinition
            do {
                definition = try JSONValue.object(described.definition).decode(WorkflowDefinition.self)
            } catch {
                throw CLIFailure(
                    message: console.say("无法读取工作流定义：\(error)", "cannot read the workflow definition: \(error)"),
                    status: ExitStatus.failure)
            }
            var subject = try readFile(console: console)
            for (key, value) in try SubjectFields.pairs(fieldArguments, console: console) { subject[key] = value }
            let typed = try SubjectFields.typed(subject, definition: definition, console: console)
            let attachments = attach.isEmpty ? nil : try await Upload.files(attach, client: client, console: console)
            let reply = try await client.workflow.submit(
                workflow: workflow, subject: typed, comment: comment, idempotencyKey: idempotencyKey,
                attachments: attachments)
            if console.json {
                console.printJSON(reply.varlinkJSON)
                return
            }
            let instance = reply.instance
            print(console.say("已提交 \(instance.id)", "Submitted \(instance.id)"))
            if let attachments, !attachments.isEmpty {
                print(
                    console.say("附件：", "Attachments: ")
                        + attachments.map(\.fileName).joined(separator: console.say("、", ", ")))
            }
            print(Render.afterCommand(instance, console: console))
        }
    }

    private func readFile(console: Console) throws -> [String: String] {
        guard let from else { return [:] }
        guard let text = try? String(contentsOfFile: from, encoding: .utf8) else {
            throw CLIFailure(message: console.say("无法读取文件 \(from)", "cannot read \(from)"), status: ExitStatus.noInput)
        }
        let parsed: Any?
        do {
            parsed = try Yams.load(yaml: text)
        } catch {
            throw CLIFailure(
                message: console.say("\(from) 不是有效的 YAML：\(error)", "\(from) is not valid YAML: \(error)"),
                status: ExitStatus.dataError)
        }
        guard let mapping = parsed as? [String: Any] else {
            throw CLIFailure(
                message: console.say("\(from) 应为「字段: 值」的映射", "\(from) must be a mapping of field: value"),
                status: ExitStatus.dataError)
        }
        return mapping.mapValues { value in
            if let list = value as? [Any] { return list.map { "\($0)" }.joined(separator: ",") }
            if let date = value as? Date {
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.timeZone = TimeZone(identifier: "UTC")
                formatter.dateFormat = "yyyy-MM-dd"
                return formatter.string(from: date)
            }
            return "\(value)"
        }
    }

}

/// Subject and action fields given as text, checked against and typed by a definition.
enum SubjectFields {
    /// `--key VALUE` and `--key=VALUE` pairs, in order; anything else is a usage error.
    static func pairs(_ arguments: [String], console: Console) throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CLIFailure(
                    message: console.say(
                        "无法理解「\(argument)」：字段请写成 --<字段> 值",
                        "cannot understand '\(argument)': give fields as --<field> VALUE"),
                    status: ExitStatus.usage)
            }
            let body = argument.dropFirst(2)
            if let equals = body.firstIndex(of: "=") {
                pairs.append((String(body[..<equals]), String(body[body.index(after: equals)...])))
                index += 1
                continue
            }
            guard index + 1 < arguments.count else {
                throw CLIFailure(
                    message: console.say("--\(body) 缺少值", "--\(body) needs a value"), status: ExitStatus.usage)
            }
            pairs.append((String(body), arguments[index + 1]))
            index += 2
        }
        return pairs
    }

    /// The option a field is typed as: its key in kebab case (`trainedOn` → `--trained-on`).
    static func option(_ key: String) -> String {
        var option = "--"
        for character in key {
            if character.isUppercase, character.isASCII {
                option += "-" + character.lowercased()
            } else {
                option.append(character)
            }
        }
        return option
    }

    /// The field key an option names: kebab case (`trained-on`), the key itself (`trainedOn`) or the label
    /// (`--具体悬挂位置`).
    static func key(_ name: String, in fields: [FieldDefinition]) -> String {
        fields.first { option($0.key) == "--" + name || $0.label.zh == name }?.key ?? name
    }

    static func typed(
        _ given: [String: String],
        definition: WorkflowDefinition,
        console: Console
    ) throws -> [String: JSONValue] {
        try typed(given, fields: definition.fields, of: definition.title, key: definition.key, console: console)
    }

    /// `given` checked against `fields` (of a workflow or an action, named by `title` and `key` in refusals) and typed.
    static func typed(
        _ given: [String: String],
        fields: [FieldDefinition],
        of title: LocalizedText,
        key owner: String,
        partial: Bool = false,
        console: Console
    ) throws -> [String: JSONValue] {
        let raw = Dictionary(
            given.map { (key($0.key, in: fields), $0.value) }, uniquingKeysWith: { first, _ in first })
        let known = Set(fields.map(\.key))
        let unknown = raw.keys.filter { !known.contains($0) }.sorted()
        // A partial set (a resubmission's amendments) keeps what it does not name.
        let missing = partial ? [] : fields.filter { $0.required && (raw[$0.key] ?? "").isEmpty }.map(\.key)
        if !unknown.isEmpty || !missing.isEmpty {
            var parts: [String] = []
            if !unknown.isEmpty {
                parts.append(
                    console.say(
                        "「\(console.text(title))」没有字段 \(unknown.map(option).joined(separator: "、"))",
                        "\(owner) has no field \(unknown.map(option).joined(separator: ", "))"))
            }
            if !missing.isEmpty {
                parts.append(
                    console.say(
                        "缺少必填字段 \(missing.map(option).joined(separator: "、"))",
                        "missing required field(s) \(missing.map(option).joined(separator: ", "))"))
            }
            let options = fields.map { field in
                "\(option(field.key))\(field.required ? "" : "?")"
                    + (field.values.isEmpty
                        ? "" : "=" + field.values.map { console.say($0.label.zh, $0.key) }.joined(separator: "|"))
            }
            parts.append(console.say("可用字段：", "fields: ") + options.joined(separator: " "))
            throw CLIFailure(message: parts.joined(separator: console.say("；", "; ")), status: ExitStatus.dataError)
        }
        var subject: [String: JSONValue] = [:]
        for field in fields {
            guard let text = raw[field.key], !text.isEmpty else { continue }
            subject[field.key] = try value(text, field: field, console: console)
        }
        return subject
    }

    /// The typed value of `text` for `field`; refusals name it as `option` (default: its own option).
    static func value(
        _ text: String, field: FieldDefinition, option given: String? = nil, console: Console
    ) throws -> JSONValue {
        let name = given ?? option(field.key)
        switch field.type {
        case .checklist:
            return .array(splitList(text).map(JSONValue.string))
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "1", "是": return .bool(true)
            case "false", "no", "0", "否": return .bool(false)
            default:
                throw CLIFailure(
                    message: console.say("\(name) 应为 是 或 否", "\(name) must be true or false"),
                    status: ExitStatus.dataError)
            }
        case .enum:
            let keys = field.values.map(\.key)
            // A value by its key or by its label in either language (居委会内部 = inside).
            // … or by the label's name without the dates in brackets (前期试点 for 前期试点（2019-10-01至2019-12-31）).
            func short(_ label: String?) -> String? {
                label.map {
                    String($0[..<($0.firstIndex { "（(".contains($0) } ?? $0.endIndex)]).trimmingCharacters(
                        in: .whitespaces)
                }
            }
            if let match = field.values.first(where: {
                $0.key == text || $0.label.zh == text || $0.label.en == text || short($0.label.zh) == text
                    || short($0.label.en) == text
            }) {
                return .string(match.key)
            }
            guard keys.contains(text) else {
                let choices = field.values.map { "\($0.key)（\($0.label.zh)）" }
                throw CLIFailure(
                    message: console.say(
                        "\(name) 只能是 \(choices.joined(separator: "、"))",
                        "\(name) must be one of \(keys.joined(separator: ", "))"),
                    status: ExitStatus.dataError)
            }
            return .string(text)
        default:
            return .string(text)
        }
    }

    static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
