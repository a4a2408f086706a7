import Foundation
import StreetFlowEngine
import StreetFlowProtocol
import Varlink
import WorkflowModel

/// The reports' data as typed JSON (the CLI renders it as HTML, CSV or XLSX; other tools may chart it).
extension StreetFlowService {
    /// A `YYYY-MM-DD` parameter, or `InvalidParameter` naming it.
    static func day(_ text: String?, parameter: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let day = LocalDate(text), (1990...2200).contains(day.year) else {
            throw VarlinkError.invalidParameter(parameter)
        }
        return day
    }

    public func programmeReport(
        _ parameters: Workflow.ProgrammeReportParameters, call: VarlinkCall
    ) async throws -> Workflow.ProgrammeReportReply {
        let caller = try caller(call)
        let asOf = try Self.day(parameters.asOf, parameter: "asOf")
        guard let picture = try await engine.programmePicture(asOf: asOf, caller: caller) else {
            let today = await engine.now()
            return Workflow.ProgrammeReportReply(
                asOf: "\(asOf ?? LocalDate(today))", workflow: nil, workflowTitle: nil, reachedState: nil,
                reachedLabel: nil, phases: [], rows: [])
        }
        return Workflow.ProgrammeReportReply(
            asOf: "\(picture.asOf)", workflow: picture.workflow, workflowTitle: Workflow.Label(picture.workflowTitle),
            reachedState: picture.reachedState, reachedLabel: Workflow.Label(picture.reachedLabel),
            phases: picture.phases.map {
                Workflow.ReportPhase(key: $0.key, label: Workflow.Label($0.label), ends: $0.ends.map { "\($0)" })
            },
            rows: picture.rows.map { row in
                Workflow.ProgrammeReportRow(
                    committee: row.committee, inProgramme: row.inProgramme, phase: row.phase?.key,
                    phaseLabel: row.phase.map { Workflow.Label($0.label) }, phaseEnds: row.phase?.ends.map { "\($0)" },
                    id: row.instanceID, state: row.state, stateLabel: row.stateLabel.map(Workflow.Label.init),
                    daysInState: row.daysInState, reachedOn: row.reachedOn.map { "\($0)" }, overdue: row.overdue,
                    missingItems: row.shortfalls.map(Workflow.Label.init), rounds: row.rounds)
            })
    }

    public func admissionsReport(
        _ parameters: Workflow.AdmissionsReportParameters, call: VarlinkCall
    ) async throws -> Workflow.AdmissionsReportReply {
        let caller = try caller(call)
        let from = try Self.day(parameters.from, parameter: "from")
        let to = try Self.day(parameters.to, parameter: "to")
        let picture = try await engine.admissionsPicture(from: from, to: to, caller: caller)
        return Workflow.AdmissionsReportReply(
            from: picture.from.map { "\($0)" }, to: picture.to.map { "\($0)" },
            lines: picture.lines.map { line in
                Workflow.AdmissionsReportLine(
                    by: line.by, key: line.name, label: line.label, workflow: line.workflow,
                    workflowTitle: Workflow.Label(line.workflowTitle), submittedCount: line.submitted,
                    grantedCount: line.admitted, refusedCount: line.refused, returnedCount: line.returned,
                    withdrawnCount: line.withdrawn, revokedCount: line.revoked, openCount: line.open,
                    overdueCount: line.overdue, medianDays: line.medianDays, p90Days: line.p90Days,
                    listedCount: line.listed, negativeCount: line.negative, unlistedCount: line.unlisted,
                    inForceCount: line.inForce)
            })
    }

    public func overdueReport(call: VarlinkCall) async throws -> Workflow.OverdueReportReply {
        let caller = try caller(call)
        let items = try await engine.overdueReport(caller: caller)
        let catalog = await view()
        return Workflow.OverdueReportReply(
            items: items.map { item in
                Workflow.OverdueReportItem(
                    instance: Workflow.Instance(item.instance, catalog: catalog, nextDeadline: item.deadline),
                    deadline: item.deadline.iso8601, workingDaysLate: item.workingDaysLate,
                    queue: item.queue?.rawValue)
            })
    }
}
