import StreetFlowEngine
import StreetFlowProtocol
import Varlink
import WorkflowModel

/// Engine refusals as the interfaces' typed errors, with their parameters and the message in both languages.
extension StreetFlowService {
    /// The `org.streetflow.Workflow` error of a refused command.
    static func workflowError(_ error: WorkflowError) -> any Error {
        let p = error.parameters
        let zh = error.message.zh
        let en = error.message.text(.en)
        switch error.code {
        case .actionNotAllowed:
            return Workflow.ActionNotAllowed(
                action: p.text("action"), state: p.text("state"), allowed: p.list("allowed"), message: zh,
                messageEn: en)
        case .permissionDenied:
            return Workflow.PermissionDenied(
                required: p.list("required"), action: p["action"]?.stringValue, reason: p["reason"]?.stringValue,
                user: p["user"]?.stringValue, assignee: p["assignee"]?.stringValue, message: zh, messageEn: en)
        case .noSuchInstance:
            return Workflow.NoSuchInstance(id: p.text("id"), message: zh, messageEn: en)
        case .unknownName:
            return Workflow.UnknownName(
                parameter: p.text("parameter"), value: p.text("value"), known: p.list("known"), message: zh,
                messageEn: en)
        case .noSuchWorkflow:
            return Workflow.NoSuchWorkflow(
                workflow: p.text("workflow"), known: p.list("known"), message: zh, messageEn: en)
        case .versionConflict:
            return Workflow.VersionConflict(
                id: p.text("id"), expectedVersion: p.number("expectedVersion"), version: p.number("version"),
                state: p.text("state"), message: zh, messageEn: en)
        case .invalidSubject:
            return Workflow.InvalidSubject(
                field: p.text("field"), reason: p.text("reason"), character: p["character"]?.stringValue,
                position: p.optionalNumber("position"), limit: p.optionalNumber("limit"), message: zh, messageEn: en)
        case .invalidField:
            return Workflow.InvalidField(
                field: p.text("field"), reason: p.text("reason"), character: p["character"]?.stringValue,
                position: p.optionalNumber("position"), limit: p.optionalNumber("limit"), message: zh, messageEn: en)
        case .invalidText:
            return Workflow.InvalidText(
                parameter: p.text("parameter"), reason: p.text("reason"), character: p["character"]?.stringValue,
                position: p.optionalNumber("position"), limit: p.optionalNumber("limit"), message: zh, messageEn: en)
        case .idempotencyKeyReused:
            return Workflow.IdempotencyKeyReused(
                key: p.text("key"), firstMethod: p.text("firstMethod"), firstRequest: p.text("firstRequest"),
                firstTarget: p.text("firstTarget"), message: zh, messageEn: en)
        case .guardFailed:
            return Workflow.GuardFailed(guard: p.text("guard"), reason: p.text("reason"), message: zh, messageEn: en)
        case .commentRequired:
            return Workflow.CommentRequired(action: p.text("action"), message: zh, messageEn: en)
        case .alreadySigned:
            return Workflow.AlreadySigned(action: p.text("action"), user: p.text("user"), message: zh, messageEn: en)
        case .instanceFinal:
            return Workflow.InstanceFinal(state: p.text("state"), message: zh, messageEn: en)
        case .noSuchUser:
            return Workflow.NoSuchUser(user: p.text("user"), message: zh, messageEn: en)
        case .storageFailure:
            return Workflow.StorageFailure(reason: p.text("reason"), message: zh, messageEn: en)
        case .attachmentTooLarge:
            return Workflow.AttachmentTooLarge(
                size: p.number("size"), limit: p.number("limit"), message: zh, messageEn: en)
        case .attachmentRefused:
            return Workflow.AttachmentRefused(
                reason: p.text("reason"), kinds: p.list("kinds"), message: zh, messageEn: en)
        case .noSuchAttachment:
            return Workflow.NoSuchAttachment(id: p.text("id"), sha256: p.text("sha256"), message: zh, messageEn: en)
        case .uploadMismatch:
            return Workflow.UploadMismatch(reason: p.text("reason"), message: zh, messageEn: en)
        case .tooManyComments:
            return Workflow.TooManyComments(
                id: p.text("id"), limit: p.number("limit"), scope: p.text("scope"), message: error.message.zh,
                messageEn: error.message.text(.en))
        case .alreadyUrged:
            return Workflow.AlreadyUrged(
                id: p.text("id"), by: p.text("by"), at: p.text("at"), message: zh, messageEn: en)
        case .alreadyOpen:
            return Workflow.AlreadyOpen(
                field: p.text("field"), value: p.text("value"), open: p.text("open"), message: zh, messageEn: en)
        default:
            return undeclared(error, interface: Workflow.interfaceName)
        }
    }

    /// The `org.streetflow.Admin` error of a refused command.
    static func adminError(_ error: WorkflowError) -> any Error {
        let p = error.parameters
        switch error.code {
        case .permissionDenied:
            return Admin.PermissionDenied(
                required: p.list("required"), reason: p["reason"]?.stringValue, message: error.message.zh,
                messageEn: error.message.text(.en))
        case .reloadRefused:
            return Admin.ReloadRefused(
                errors: p.list("errors") + p.list("reason"), message: error.message.zh,
                messageEn: error.message.text(.en))
        case .invalidText:
            return Admin.InvalidText(
                parameter: p.text("parameter"), reason: p.text("reason"), character: p["character"]?.stringValue,
                position: p.optionalNumber("position"), limit: p.optionalNumber("limit"), message: error.message.zh,
                messageEn: error.message.text(.en))
        case .targetNotEmpty:
            return Admin.TargetNotEmpty(
                target: p.text("target"), message: error.message.zh, messageEn: error.message.text(.en))
        case .storageFailure:
            return Admin.StorageFailure(
                reason: p.text("reason"), message: error.message.zh, messageEn: error.message.text(.en))
        case .busy:
            return Admin.Busy(
                work: p.text("work"), since: p.text("since"), message: error.message.zh,
                messageEn: error.message.text(.en))
        case .clockNotSimulated:
            return Admin.ClockNotSimulated(message: error.message.zh, messageEn: error.message.text(.en))
        case .clockBackwards:
            return Admin.ClockBackwards(
                now: p.text("now"), message: error.message.zh, messageEn: error.message.text(.en))
        default:
            return undeclared(error, interface: Admin.interfaceName)
        }
    }

    /// A refusal the interface does not declare (an engine code added without an IDL error): sent by its code.
    private static func undeclared(_ error: WorkflowError, interface: String) -> VarlinkError {
        var parameters = error.parameters.mapValues(JSONValue.init)
        parameters["message"] = .string(error.message.zh)
        parameters["messageEn"] = .string(error.message.text(.en))
        return VarlinkError(name: "\(interface).\(error.code.rawValue)", parameters: parameters)
    }
}

extension [String: FieldValue] {
    /// The text of a parameter the interface requires, empty when the engine had none.
    fileprivate func text(_ key: String) -> String {
        self[key]?.stringValue ?? ""
    }

    /// The keys of a list parameter, empty when the engine had none.
    fileprivate func list(_ key: String) -> [String] {
        self[key]?.listValue ?? []
    }

    /// The number of an integer parameter, nil when the engine had none.
    fileprivate func optionalNumber(_ key: String) -> Int? {
        if case .int(let value)? = self[key] { return value }
        return nil
    }

    /// The number of an integer parameter, 0 when the engine had none.
    fileprivate func number(_ key: String) -> Int {
        if case .int(let value)? = self[key] { return value }
        return 0
    }
}
