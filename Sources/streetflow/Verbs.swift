import ArgumentParser

/// The action keys of `Workflows/*.yaml` that people take (automatic ones are left out); `act` takes any other.
enum Verbs {
    static let all: [any ParsableCommand.Type] =
        [
            Verb<Forward>.self, Verb<Approve>.self, Verb<Reject>.self, Verb<Return>.self, Verb<Resubmit>.self,
            Verb<Withdraw>.self, Verb<Arrange>.self, Verb<Admit>.self, Verb<Revoke>.self, Verb<Keep>.self,
            Verb<SubmitSelfCheck>.self, Verb<StartInspection>.self, Verb<Accept>.self, Verb<Rectify>.self,
            Verb<Resume>.self, Verb<OpenFull>.self, Verb<OpenFullOverride>.self, Verb<OpenImprovement>.self,
            Verb<Close>.self,
        ] + Verbs.notice

    /// The actions of the register, the committees' reports, the evaluation and the list checks.
    static let notice: [any ParsableCommand.Type] = [
        Verb<AdmitWall>.self,
        Verb<Refuse>.self,
        Verb<ConfirmRefusal>.self,
        Verb<OverrideNegative>.self,
        Verb<AdmitConfirmed>.self,
        Verb<CloseOverride>.self,
        Verb<SubmitSummary>.self,
        Verb<Complete>.self,
        Verb<Continue>.self,
        Verb<ReportRemoved>.self,
        Verb<Confirm>.self,
        Verb<Reopen>.self,
        Verb<Cancel>.self,
        Verb<RequireApplication>.self,
        Verb<OrderWithdrawal>.self,
        Verb<Dismiss>.self,
        Verb<ConfirmApplication>.self,
        Verb<ConfirmWithdrawal>.self,
        Verb<Retract>.self,
        Verb<SelfAssess>.self,
        Verb<Score>.self,
        Verb<ReturnScore>.self,
    ]

    static let keys: Set<String> = [
        "forward", "approve", "reject", "return", "resubmit", "withdraw", "arrange", "admit", "revoke", "keep",
        "submit-self-check", "start-inspection", "accept", "rectify", "resume", "open-full", "open-full-override",
        "open-improvement", "close",
        "admit-wall", "refuse", "confirm-refusal", "override-negative", "admit-confirmed",
        "close-override", "submit-summary", "complete", "continue", "report-removed",
        "confirm", "reopen", "cancel", "require-application", "order-withdrawal",
        "dismiss", "confirm-application", "confirm-withdrawal", "retract", "self-assess",
        "rate", "return-score",
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
    enum AdmitWall: VerbSpec {
        static let action = "admit-wall"
        static let abstract = "准入（五室墙面，非规章制度）/ Admit a board for a room wall (not rules)."
    }
    enum Refuse: VerbSpec {
        static let action = "refuse"
        static let abstract = "不予准入（宣传版面，须 --comment）/ Refuse a board (needs --comment)."
    }
    enum ConfirmRefusal: VerbSpec {
        static let action = "confirm-refusal"
        static let abstract = "确认属负面清单，不予准入 / Confirm the negative-list refusal."
    }
    enum OverrideNegative: VerbSpec {
        static let action = "override-negative"
        static let abstract = "不属负面清单，转清单外审核（须 --comment）/ Not on the negative list: to review (needs --comment)."
    }
    enum AdmitConfirmed: VerbSpec {
        static let action = "admit-confirmed"
        static let abstract =
            "确认清单条目并准入（--field entry=编号，须 --comment）/ Confirm the list entry and admit (--field entry=CODE, needs --comment)."
    }
    enum CloseOverride: VerbSpec {
        static let action = "close-override"
        static let abstract = "街道决定结束计划（须 --comment）/ Close the programme by street decision (needs --comment)."
    }
    enum SubmitSummary: VerbSpec {
        static let action = "submit-summary"
        static let abstract = "报送完善提升总结 / Report the improvement summary."
    }
    enum Complete: VerbSpec {
        static let action = "complete"
        static let abstract = "审阅完成（完善提升）/ Complete the improvement work."
    }
    enum Continue: VerbSpec {
        static let action = "continue"
        static let abstract = "继续提升（须 --comment）/ Continue improving (needs --comment)."
    }
    enum ReportRemoved: VerbSpec {
        static let action = "report-removed"
        static let abstract = "已拆除，报自治办确认（--field removedOn=日期）/ Report an item removed (--field removedOn=DATE)."
    }
    enum Confirm: VerbSpec {
        static let action = "confirm"
        static let abstract = "确认（拆除、考评结果）/ Confirm (a removal, an evaluation result)."
    }
    enum Reopen: VerbSpec {
        static let action = "reopen"
        static let abstract = "未拆除到位，退回（须 --comment）/ Not removed: send back (needs --comment)."
    }
    enum Cancel: VerbSpec {
        static let action = "cancel"
        static let abstract = "取消拆除任务（须 --comment）/ Cancel a removal (needs --comment)."
    }
    enum RequireApplication: VerbSpec {
        static let action = "require-application"
        static let abstract = "属实，要求部门补办准入（须 --comment）/ Founded: require the department to apply (needs --comment)."
    }
    enum OrderWithdrawal: VerbSpec {
        static let action = "order-withdrawal"
        static let abstract = "属实，责令部门撤回（须 --comment）/ Founded: order the department to withdraw (needs --comment)."
    }
    enum Dismiss: VerbSpec {
        static let action = "dismiss"
        static let abstract = "经核实已准入或不属实（须 --comment）/ Admitted after all, or unfounded (needs --comment)."
    }
    enum ConfirmApplication: VerbSpec {
        static let action = "confirm-application"
        static let abstract = "部门已补办准入申请 / The department has applied."
    }
    enum ConfirmWithdrawal: VerbSpec {
        static let action = "confirm-withdrawal"
        static let abstract = "确认部门已撤回 / Confirm the department withdrew."
    }
    enum Retract: VerbSpec {
        static let action = "retract"
        static let abstract = "居委会撤回反映 / Retract a committee's report."
    }
    enum SelfAssess: VerbSpec {
        static let action = "self-assess"
        static let abstract =
            "提交年度考评自评（--field selfAssessment=…）/ Submit the self-assessment (--field selfAssessment=…)."
    }
    enum Score: VerbSpec {
        static let action = "rate"
        static let abstract =
            "考评评分（--field score=… --field grade=…）/ Score the evaluation (--field score=… --field grade=…)."
    }
    enum ReturnScore: VerbSpec {
        static let action = "return-score"
        static let abstract = "退回重新评分（须 --comment）/ Send the score back (needs --comment)."
    }
}
