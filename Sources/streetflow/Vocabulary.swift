import WorkflowModel

/// The office's words for the definition language's own terms.
enum Vocabulary {}

extension Vocabulary {
    /// A field type as the reader says it (文本, 选项, 日期 …).
    static func type(_ type: FieldType, console: Console) -> String {
        let zh: String =
            switch type {
            case .text: "文本"
            case .enum: "选项"
            case .date: "日期"
            case .committee: "居委会"
            case .department: "部门"
            case .listItem: "清单条目"
            case .request: "申请编号"
            case .boolean: "是/否"
            case .checklist: "多选清单"
            }
        return console.say(zh, type.rawValue)
    }
}
