import StreetFlowClient
import WorkflowModel

/// One sentence in the user's language saying what happened and what to do, and the exit status, for a failed call.
struct ErrorReport {
    var sentence: String
    var status: Int32

    init(_ error: StreetFlowClientError, language: Language) {
        func say(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
        let said = (language == .zh ? error.message : error.messageEn) ?? error.message ?? error.messageEn
        func join(_ what: String, _ hint: String) -> String {
            hint.isEmpty ? what : what + say("；", "; ") + hint
        }
        let what = said ?? error.name
        switch error.shortName {
        case "DaemonUnavailable":
            let socket = error.string("socket") ?? ""
            let reason = error.string("reason") ?? ""
            status = ExitStatus.unavailable
            if reason.contains("Permission denied") || reason.contains("EACCES") || reason.contains("errno: 13") {
                sentence = say(
                    "无权连接 \(socket)：请让管理员把你加入 streetflow 组（然后重新登录）",
                    "no permission to connect to \(socket): ask an administrator to add you to the streetflow group (then log in again)"
                )
            } else {
                sentence = say(
                    "无法连接 \(socket)。streetflowd 是否在运行？试试 `systemctl status streetflowd.socket`",
                    "cannot connect to \(socket); is streetflowd running? try `systemctl status streetflowd.socket`")
            }
        case "ConnectionLost":
            status = ExitStatus.unavailable
            sentence = say(
                "与 streetflowd 的连接中断，操作结果未知：请用 streetflow show 查看后再重试（带 --idempotency-key 可安全重试）",
                "the connection to streetflowd broke; the outcome is unknown: check with streetflow show, then retry (an --idempotency-key makes retries safe)"
            )
        case "InvalidReply":
            status = ExitStatus.failure
            sentence = say(
                "streetflowd 的应答无法识别（版本不一致？）：\(error.string("reason") ?? "")",
                "streetflowd sent a reply this client does not understand (version mismatch?): \(error.string("reason") ?? "")"
            )
        case "PermissionDenied":
            status = ExitStatus.permissionDenied
            let roles = error.strings("required")
            let rolesNamed = roles.isEmpty || roles.allSatisfy { what.contains($0) }
            let need =
                rolesNamed
                ? ""
                : say(
                    "需要角色：\(roles.joined(separator: "、"))", "needs one of the roles: \(roles.joined(separator: ", "))")
            sentence = join(
                join(what, need),
                say("请由持有该角色的人操作，或请管理员在配置中授予角色", "ask someone who holds it, or an administrator to grant it"))
        case "ActionNotAllowed":
            status = ExitStatus.notAllowed
            let allowed = error.strings("allowed")
            let listed = what.contains(say("可执行", "allowed"))
            let options =
                listed
                ? ""
                : say(
                    "当前环节可执行：\(allowed.isEmpty ? "无" : allowed.joined(separator: "、"))",
                    "allowed now: \(allowed.isEmpty ? "none" : allowed.joined(separator: ", "))")
            sentence = join(join(what, options), say("用 streetflow show 查看详情", "see streetflow show for details"))
        case "NoSuchInstance":
            status = ExitStatus.notFound
            sentence = join(
                what,
                say(
                    "请检查编号，或用 streetflow list 查看你能看到的申请",
                    "check the id, or see streetflow list for the requests you can see"))
        case "NoSuchWorkflow":
            status = ExitStatus.notFound
            let known = error.strings("known")
            sentence = join(
                what,
                say("可用的工作流：\(known.joined(separator: "、"))", "known workflows: \(known.joined(separator: ", "))"))
        case "UnknownName":
            status = ExitStatus.usage
            sentence = what
        case "NoSuchUser":
            status = ExitStatus.notFound
            sentence = join(what, say("请检查用户名", "check the user name"))
        case "VersionConflict":
            status = ExitStatus.conflict
            let id = error.string("id") ?? "ID"
            let version = error.int("version").map(String.init) ?? "N"
            sentence = join(
                what,
                say(
                    "请先 streetflow show \(id) 查看变化，仍需操作时加 --expected-version \(version) 重试",
                    "see what changed with streetflow show \(id), and if still needed retry with --expected-version \(version)"
                ))
        case "AlreadySigned":
            status = ExitStatus.conflict
            sentence = join(what, say("无需再次会签", "no need to sign again"))
        case "InvalidSubject", "InvalidField":
            status = ExitStatus.dataError
            let field = error.string("field") ?? ""
            let named = field.isEmpty || what.contains(field)
            sentence = join(
                named ? what : "\(what) (\(field))", say("请更正后重新提交", "correct it and try again"))
        case "ClockNotSimulated", "ClockBackwards":
            status = ExitStatus.notAllowed
            sentence = what
        case "TooManyConnections":
            status = ExitStatus.unavailable
            let scope = error.string("scope") ?? "all"
            sentence =
                scope == "user"
                ? say(
                    "您已打开太多与守护进程的连接（上限 \(error.int("limit") ?? 0)），请关闭其他 streetflow watch 等后再试",
                    "you hold too many connections to the daemon (limit \(error.int("limit") ?? 0)); close other streetflow watch sessions and retry"
                )
                : say("守护进程连接已满，请稍后再试", "the daemon has no free connection; try again shortly")
        case "Busy":
            status = ExitStatus.unavailable
            sentence = what
        case "TooManyComments":
            status = ExitStatus.conflict
            sentence = what
        case "AlreadyUrged":
            status = ExitStatus.conflict
            sentence = join(what, say("下一个工作日再催办", "urge again on the next working day"))
        case "AlreadyOpen":
            status = ExitStatus.conflict
            let open = error.string("open") ?? ""
            sentence = join(what, say("请用 streetflow show \(open) 查看", "see streetflow show \(open)"))
        case "AttachmentTooLarge":
            status = ExitStatus.dataError
            sentence = join(what, say("请压缩或拆分后重试", "make it smaller or split it, and try again"))
        case "AttachmentRefused":
            status = ExitStatus.dataError
            sentence = join(what, say("请另存为受理的格式后重试", "save it in an accepted format and try again"))
        case "NoSuchAttachment":
            status = ExitStatus.notFound
            sentence = join(
                what, say("用 streetflow attachments 编号 查看附件", "see streetflow attachments ID for the attachments"))
        case "UploadMismatch":
            status = ExitStatus.failure
            sentence = join(what, say("请重新上传", "upload it again"))
        case "CommentRequired":
            status = ExitStatus.dataError
            sentence = join(what, say("请加上 --comment \"说明\"", "add --comment \"why\""))
        case "GuardFailed":
            status = ExitStatus.notAllowed
            sentence = join(what, say("条件满足后再试", "try again once the condition holds"))
        case "InstanceFinal":
            status = ExitStatus.notAllowed
            sentence = join(
                what, say("如有需要，可重新提交新申请", "submit a new one if needed"))
        case "TargetNotEmpty":
            status = ExitStatus.dataError
            sentence = join(what, say("请为本街道新建一个空数据库后再迁移", "create an empty database for this street and move again"))
        case "StorageFailure" where ["storeLost", "storeReadOnly", "storeMoved"].contains(error.string("reason") ?? ""):
            status = ExitStatus.storage
            sentence = join(
                what,
                say(
                    "管理员可用 journalctl -u streetflowd 查看详情",
                    "the administrator finds the details in journalctl -u streetflowd"))
        case "StorageFailure":
            status = ExitStatus.storage
            sentence = join(
                what,
                say(
                    "未做任何更改；请稍后重试，并让管理员查看 journalctl -u streetflowd",
                    "nothing was changed; retry later and ask an administrator to check journalctl -u streetflowd"))
        case "ReloadRefused":
            status = ExitStatus.dataError
            let errors = error.strings("errors")
            sentence = join(what, errors.joined(separator: "\n  "))
        case "InvalidParameter":
            status = ExitStatus.dataError
            let parameter = error.string("parameter") ?? ""
            sentence = say(
                "参数「\(parameter)」无效，请检查输入（日期写成 YYYY-MM-DD）",
                "the parameter '\(parameter)' is invalid; check the input (dates as YYYY-MM-DD)")
        case "MethodNotFound", "InterfaceNotFound", "MethodNotImplemented":
            status = ExitStatus.unavailable
            sentence = say(
                "streetflowd 不支持此操作（\(error.name)），请确认客户端与守护进程版本一致",
                "streetflowd does not support this (\(error.name)); make sure the client and the daemon are the same version"
            )
        default:
            status = ExitStatus.failure
            sentence =
                said ?? say("streetflowd 返回错误 \(error.description)", "streetflowd answered with \(error.description)")
        }
    }
}
