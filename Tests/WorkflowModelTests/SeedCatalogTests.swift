import Foundation
import Testing

@testable import WorkflowModel

struct SeedCatalogTests {
    static let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("seeds", isDirectory: true)

    static let catalog = try! SeedCatalog.load(directory: seeds)

    @Test func loadsTheCommittees() {
        let committees = Self.catalog.committees
        #expect(committees.count == 24)
        #expect(committees.filter(\.programme).count == 21)
        #expect(committees.filter(\.pilot).map(\.name) == ["蓝天二村"])
        #expect(Set(committees.map(\.key)).count == committees.count)
        #expect(Set(committees.map(\.name)).count == committees.count)
        #expect(committees.filter { $0.rolloutPhase == "full" }.count == 20)
        #expect(committees.allSatisfy { $0.fullName == "松江区中山街道\($0.name)社区居民委员会" })
    }

    @Test func findsACommitteeByItsUsualNames() {
        for name in ["蓝天二村", "lantian2", "松江区中山街道蓝天二村社区居民委员会", "蓝天二村居委会", "中山街道蓝天二村居民区"] {
            #expect(Self.catalog.committee(named: name)?.key == "lantian2", "\(name)")
        }
        #expect(Self.catalog.committee(named: "蓝天三村") == nil)
        #expect(Self.catalog.committee(named: "lantian2")?.unixGroup == "sf-cmte-lantian2")
    }

    @Test func doorPlaquesOfThePilot() throws {
        let pilot = try #require(Self.catalog.committee(named: "蓝天二村"))
        #expect(
            pilot.doorPlaques == [
                "中共松江区中山街道蓝天二村居民区(总)支部委员会",
                "松江区中山街道蓝天二村社区居民委员会",
                "中山街道蓝天二村党建服务站",
                "中山街道蓝天二村社区服务站",
            ]
        )
        #expect(pilot.isDoorPlaque("中共松江区中山街道蓝天二村居民区支部委员会"))
        #expect(pilot.isDoorPlaque("中共松江区中山街道蓝天二村居民区总支部委员会"))
        #expect(pilot.isDoorPlaque("中共松江区中山街道 蓝天二村 居民区（总）支部委员会"))
        #expect(pilot.isDoorPlaque("中山街道蓝天二村社区服务站"))
        #expect(!pilot.isDoorPlaque("中山街道蓝天二村综治工作站"))
        #expect(!pilot.isDoorPlaque("中山街道蓝天一村社区服务站"))
    }

    @Test func loadsFourListsWithUniqueCodes() {
        let lists = Self.catalog.lists.lists
        #expect(
            lists.map(\.key) == ["admin-affairs", "ledgers-reports-apps", "negative-certificates", "seal-certificates"]
        )
        for list in lists {
            #expect(!list.entries.isEmpty, "\(list.key)")
            #expect(Set(list.entries.map(\.code)).count == list.entries.count, "\(list.key)")
            #expect(list.sample == (list.kind == .reference), "\(list.key)")
        }
    }

    @Test func negativeListIsTheNationalListOf20() throws {
        let list = try #require(Self.catalog.lists.list("negative-certificates"))
        #expect(list.kind == .negative)
        #expect(list.entries.count == 20)
        #expect(list.entries.allSatisfy { !($0.alternative ?? "").isEmpty })
        #expect(list.entries.first?.title == "亲属关系证明")
    }

    @Test(arguments: [
        ("出具亲属关系证明", "NEG-01", true),
        ("亲属关系", "NEG-01", true),
        ("  开具 亲属关系证明。", "NEG-01", true),
        ("请居委会出具居民财产证明", "NEG-17", false),
        ("开具房产证明", "NEG-17", true),
        ("无犯罪记录证明", "NEG-05", true),
    ])
    func negativeCertificatesMatch(_ text: String, _ code: String, _ exact: Bool) throws {
        let match = try #require(Self.catalog.lists.match(text))
        #expect(match.kind == .negative)
        #expect(match.list == "negative-certificates")
        #expect(match.listVersion == 2)
        #expect(match.entry.code == code)
        #expect(match.exact == exact)
        #expect(match.decisive == exact)
    }

    @Test(arguments: [
        ("协助开展人口普查", "admin-affairs", "ADM-01"),
        ("请居委会协助开展第七次全国人口普查入户登记", "admin-affairs", "ADM-01"),
        ("协助人民法院送达法律文书", "admin-affairs", "CRT-01"),
        ("民情日记", "ledgers-reports-apps", "LDG-03"),
        ("社区云APP", "ledgers-reports-apps", "APP-01"),
        ("出具居住情况证明", "seal-certificates", "SEAL-01"),
    ])
    func referenceEntriesMatch(_ text: String, _ list: String, _ code: String) throws {
        let match = try #require(Self.catalog.lists.match(text))
        #expect(match.kind == .reference)
        #expect(match.list == list)
        #expect(match.entry.code == code)
        // The district lists are samples: a match is a hint, never a decision.
        #expect(match.sample == true && !match.decisive)
    }

    @Test(arguments: ["组织广场舞比赛", "", "   ", "证明"])
    func unknownTextMatchesNothing(_ text: String) {
        #expect(Self.catalog.lists.match(text) == nil)
    }

    @Test func bothKindsOfCandidateAreShown() throws {
        let text = "协助做好困难群众救助申请并出具居民财产证明"
        #expect(Self.catalog.lists.match(text, in: "admin-affairs")?.entry.code == "ADM-02")
        let codes = Self.catalog.lists.candidates(text).map(\.entry.code)
        #expect(codes.contains("ADM-02") && codes.contains("NEG-17"))
        #expect(Self.catalog.lists.decisive(text, kind: .negative) == nil)
    }

    @Test func longestMatchWins() {
        let lists = ReferenceLists([
            ReferenceList(
                key: "test", kind: .reference, title: LocalizedText(zh: "测试"), version: 3, source: "test",
                status: .sample, validFrom: LocalDate("2019-01-01")!,
                entries: [
                    ReferenceListEntry(code: "A", title: "台账", category: "台账"),
                    ReferenceListEntry(code: "B", title: "垃圾分类台账", category: "台账"),
                ]
            )
        ])
        #expect(lists.match("报送垃圾分类台账")?.entry.code == "B")
        #expect(lists.match("报送消防台账")?.entry.code == "A")
        #expect(lists.match("报送消防台账")?.listVersion == 3)
        #expect(ReferenceLists.empty.match("台账") == nil)
    }

    @Test func restrictsToOneList() {
        #expect(Self.catalog.lists.match("出具亲属关系证明", in: "admin-affairs") == nil)
        #expect(Self.catalog.lists.match("出具亲属关系证明", in: "no-such-list") == nil)
    }

    @Test func ignoresEntriesNotYetValid() {
        // ADM-13 applies from 2021-06-01; the negative list from 2020-04-27.
        #expect(Self.catalog.lists.match("协助做好选民登记", on: LocalDate("2021-01-04")!) == nil)
        #expect(Self.catalog.lists.match("协助做好选民登记", on: LocalDate("2021-06-01")!)?.entry.code == "ADM-13")
        #expect(Self.catalog.lists.match("出具亲属关系证明", on: LocalDate("2020-01-02")!) == nil)
        #expect(Self.catalog.lists.match("协助开展人口普查", on: LocalDate("2020-01-02")!)?.entry.code == "ADM-01")
    }

    @Test func calendarComesWithTheCatalog() {
        #expect(Self.catalog.calendar.isWorkingDay(LocalDate("2020-01-19")!))
    }

    @Test func badSeedFilesGiveErrorsNamingTheFile() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("streetflow-seeds-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("lists"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: Self.seeds.appendingPathComponent("calendar.yaml"),
            to: directory.appendingPathComponent("calendar.yaml")
        )
        let committees = directory.appendingPathComponent("committees.yaml")
        try """
        committees:
          - {name: 甲, key: jia, fullName: 甲居委会, programme: true, rolloutPhase: full}
          - {name: 乙, key: jia, fullName: 乙居委会, programme: true, rolloutPhase: full}
        """.write(to: committees, atomically: true, encoding: .utf8)
        let duplicate = #expect(throws: SeedError.self) { try SeedCatalog.load(directory: directory) }
        #expect(duplicate?.file == committees.path)
        #expect(duplicate?.message.contains("'jia' is used twice") == true)

        try """
        committees:
          - {name: 甲, key: jia, fullName: 甲居委会, programme: true, rolloutPhase: full}
        """.write(to: committees, atomically: true, encoding: .utf8)
        let list = directory.appendingPathComponent("lists/broken.yaml")
        try "key: broken\nkind: reference\nentries: [".write(to: list, atomically: true, encoding: .utf8)
        let malformed = #expect(throws: SeedError.self) { try SeedCatalog.load(directory: directory) }
        #expect(malformed?.file == list.path)
        #expect(malformed?.description.hasPrefix(list.path) == true)
    }
}
