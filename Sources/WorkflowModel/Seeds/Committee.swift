/// A residents' committee (居民委员会) of Zhongshan Street, as listed in `seeds/committees.yaml`.
public struct Committee: Codable, Sendable, Hashable {
    /// The short name the notice puts in place of XX (e.g. 蓝天二村).
    public var name: String
    /// ASCII slug for Unix group names (e.g. `lantian2`, group `sf-cmte-lantian2`).
    public var key: String
    /// The official name (e.g. 松江区中山街道蓝天二村社区居民委员会).
    public var fullName: String
    /// Whether the committee takes part in the 2019–2020 programme (21 committees).
    public var programme: Bool
    /// Whether the committee is the programme's pilot (蓝天二村 only).
    public var pilot: Bool
    /// `pilot`, `full` or `none`: the rollout phase the committee goes through.
    public var rolloutPhase: String

    /// The values `rolloutPhase` may take.
    public static let rolloutPhases: Set<String> = ["pilot", "full", "none"]

    /// Creates a committee.
    public init(
        name: String,
        key: String,
        fullName: String,
        programme: Bool,
        pilot: Bool = false,
        rolloutPhase: String
    ) {
        self.name = name
        self.key = key
        self.fullName = fullName
        self.programme = programme
        self.pilot = pilot
        self.rolloutPhase = rolloutPhase
    }

    /// Decodes a committee; a missing `pilot` means false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try container.decode(String.self, forKey: .name)
        self.key = try container.decode(String.self, forKey: .key)
        self.fullName = try container.decode(String.self, forKey: .fullName)
        self.programme = try container.decode(Bool.self, forKey: .programme)
        self.pilot = try container.decodeIfPresent(Bool.self, forKey: .pilot) ?? false
        self.rolloutPhase = try container.decode(String.self, forKey: .rolloutPhase)
    }

    /// This committee with the office's confirmed membership of the programme: a member that was the pilot
    /// stays the pilot, the other members go through the full phase, and a non-member takes no part.
    public func confirmingProgramme(_ member: Bool) -> Committee {
        var committee = self
        committee.programme = member
        committee.pilot = pilot && member
        committee.rolloutPhase = member ? (committee.pilot ? "pilot" : "full") : "none"
        return committee
    }

    /// The Unix group whose members act for this committee: `sf-cmte-<key>`.
    public var unixGroup: String {
        "sf-cmte-\(key)"
    }

    /// The four "2+2" plaques at the committee's door, in the notice's order and wording.
    public var doorPlaques: [String] {
        [
            "中共松江区中山街道\(name)居民区(总)支部委员会",
            "松江区中山街道\(name)社区居民委员会",
            "中山街道\(name)党建服务站",
            "中山街道\(name)社区服务站",
        ]
    }

    /// Whether `text` is one of the four door plaques.
    ///
    /// Width, spaces and punctuation width are ignored; the party plaque is accepted as written in the
    /// notice with "(总)", and as 支部委员会 or 总支部委员会, whichever the committee's party organisation is.
    public func isDoorPlaque(_ text: String) -> Bool {
        doorPlaqueIndex(text) != nil
    }

    /// Which of the four door plaques `text` is (0–3 in `doorPlaques` order), or nil.
    public func doorPlaqueIndex(_ text: String) -> Int? {
        let party = "中共松江区中山街道\(name)居民区"
        let accepted = doorPlaques + [party + "支部委员会", party + "总支部委员会"]
        let normalized = TextNormalization.canonicalWidth(text)
        return accepted.firstIndex { TextNormalization.canonicalWidth($0) == normalized }.map { $0 >= 4 ? 0 : $0 }
    }
}
