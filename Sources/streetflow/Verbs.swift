import ArgumentParser

/// The action keys of `Workflows/*.yaml` that people take (automatic ones are left out); `act` takes any other.
enum Verbs {
    static let all: [any ParsableCommand.Type] = [
        Verb<Forward>.self, Verb<Approve>.self, Verb<Reject>.self, Verb<Return>.self, Verb<Resubmit>.self,
        Verb<Withdraw>.self, Verb<Arrange>.self, Verb<Admit>.self, Verb<Revoke>.self, Verb<Keep>.self,
        Verb<SubmitSelfCheck>.self, Verb<StartInspection>.self, Verb<Accept>.self, Verb<Rectify>.self,
        Verb<Resume>.self, Verb<OpenFull>.self, Verb<OpenFullOverride>.self, Verb<OpenImprovement>.self,
        Verb<Close>.self,
    ]

    static let keys: Set<String> = [
        "forward", "approve", "reject", "return", "resubmit", "withdraw", "arrange", "admit", "revoke", "keep",
        "submit-self-check", "start-inspection", "accept", "rectify", "resume", "open-full", "open-full-override",
        "open-improvement", "close",
    ]

    enum Forward: VerbSpec {
        static let action = "forward"
        static let abstract = "审核通过，报街道审批 / Review and forward to the street."
        static let aliases = ["review"]
    }
    enum Approve: VerbSpec {
        static let action = "approve"
        static let abstract = "审批通过 / Approve."
    }
    enum Reject: VerbSpec {
        static let action = "reject"
        static let abstract = "不予准入（须 --comment）/ Reject (needs --comment)."
    }
    enum Return: VerbSpec {
        static let action = "return"
        static let abstract = "退回修改（须 --comment）/ Return for amendment (needs --comment)."
    }
    enum Resubmit: VerbSpec {
        static let action = "resubmit"
        static let abstract = "修改后重新提交 / Resubmit after amendment."
    }
    enum Withdraw: VerbSpec {
        static let action = "withdraw"
        static let abstract = "撤回申请 / Withdraw the request."
    }
    enum Arrange: VerbSpec {
        static let action = "arrange"
        static let abstract = "统筹安排悬挂位置（须 --location）/ Arrange where the plaque hangs (needs --location)."
    }
    enum Admit: VerbSpec {
        static let action = "admit"
        static let abstract = "准入（宣传版面）/ Admit (publicity board)."
    }
    enum Revoke: VerbSpec {
        static let action = "revoke"
        static let abstract = "决定撤销准入 / Revoke the admission."
    }
    enum Keep: VerbSpec {
        static let action = "keep"
        static let abstract = "维持准入 / Keep the admission."
    }
    enum SubmitSelfCheck: VerbSpec {
        static let action = "submit-self-check"
        static let abstract = "提交自查（--checklist）/ Submit the self-check (--checklist)."
    }
    enum StartInspection: VerbSpec {
        static let action = "start-inspection"
        static let abstract = "开始验收 / Start the inspection."
        static let aliases = ["inspect"]
    }
    enum Accept: VerbSpec {
        static let action = "accept"
        static let abstract = "验收达标 / Accept (up to the standard)."
    }
    enum Rectify: VerbSpec {
        static let action = "rectify"
        static let abstract = "限期整改（--shortfalls、--comment）/ Order rectification (--shortfalls, --comment)."
    }
    enum Resume: VerbSpec {
        static let action = "resume"
        static let abstract = "整改完毕，继续对标 / Rectified, implementing again."
    }
    enum OpenFull: VerbSpec {
        static let action = "open-full"
        static let abstract = "试点达标，进入全面实施 / Pilot accepted: open full implementation."
    }
    enum OpenFullOverride: VerbSpec {
        static let action = "open-full-override"
        static let abstract = "街道决定提前进入全面实施 / Open full implementation by street decision."
    }
    enum OpenImprovement: VerbSpec {
        static let action = "open-improvement"
        static let abstract = "进入完善提升 / Open the improvement phase."
    }
    enum Close: VerbSpec {
        static let action = "close"
        static let abstract = "总结完成 / Close the programme."
    }
}
