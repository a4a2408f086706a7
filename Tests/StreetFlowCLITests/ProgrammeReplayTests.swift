import Foundation
import Testing

/// The 2019–2020 programme replayed under a simulated clock (`Deploy/dev/replay-programme.sh`): deadlines fire
/// over 国庆 as they would, and each role is told at the right time.
struct ProgrammeReplayTests {
    @Test func theProgrammeReplaysAndEachRoleIsToldWhenItsTurnComes() async throws {
        try await offThePool { try Self.replay() }
    }

    static func replay() throws {
        let script = Paths.packageRoot.appendingPathComponent("Deploy/dev/replay-programme.sh").path
        let started = Date()
        let run = try runProcess(
            "/bin/bash", [script], directory: FileManager.default.temporaryDirectory,
            environment: ["PATH": "/usr/bin:/bin", "STREETFLOW_BIN": Paths.binaries.path, "LANG": "C.UTF-8"])
        #expect(run.status == 0, "\(run)")
        #expect(Date().timeIntervalSince(started) < 60, "the replay took over a minute")
        let out = run.stdout
        // A plaque submitted on Thursday 2019-09-26: five working days on (the 29th is a make-up working day, the
        // National Day week is off) the office is reminded when 10-09 ends; ten working days on, the street is told.
        #expect(out.contains("2019-10-10 00:00  社区自治办：期限已到，请尽快办理：标识挂牌准入"), "\(out)")
        #expect(out.contains("2019-10-16 00:00  街道办事处：超期上报给您：标识挂牌准入"), "\(out)")
        // The pilot committee is told when it must rectify; the office when a self-check waits.
        #expect(out.contains("2019-10-29 09:00  蓝天二村：待您办理：居委会规范达标"), "\(out)")
        #expect(out.contains("环节「限期整改」"), "\(out)")
        #expect(out.contains("2019-12-02 09:00  蓝天二村：申请已办结：居委会规范达标"), "\(out)")
        // The late committee: escalated to the office when the full phase ends; urged.
        #expect(out.contains("2020-11-01 00:00  社区自治办：超期上报给您：居委会规范达标"), "\(out)")
        #expect(out.contains("蓝天一村：root 催办") || out.contains("催办居委会规范达标"), "\(out)")
        #expect(out.contains("审计完好"), "\(out)")
    }
}
