import Foundation

/// The part a workflow plays in the register of plaques and boards (台账), declared under `register:`.
///
/// An `entry` workflow records one plaque or board in place at a committee (from an admission, or entered by hand
/// for what hung before); a `removal` workflow is the task of taking one down, naming the entry or the admission.
public struct RegisterRole: Hashable, Sendable, Codable {
    /// Entry or removal.
    public enum Part: String, Hashable, Sendable, Codable {
        case entry
        case removal
    }

    /// What the workflow records.
    public var part: Part
    /// entry: the field saying plaque or board.
    public var kindField: String?
    /// entry: the field with the plaque's or board's wording.
    public var textField: String?
    /// entry: the field with the place (door, inside, …).
    public var placeField: String?
    /// entry: the field with the exact spot.
    public var locationField: String?
    /// The field naming the admission the item came from (entry) or the admission revoked (removal).
    public var admissionField: String?
    /// removal: the field naming the register entry.
    public var entryField: String?
    /// entry: the place value that means "at the door" (where only the 2+2 plaques may hang).
    public var doorValue: String?
    /// removal: the states in which the item is gone.
    public var done: [String]
    /// entry: the subject values an entry entered by hand (`streetflow register add`) carries, e.g. its origin.
    public var manualEntry: [String: String]

    /// Creates a role.
    public init(
        part: Part, kindField: String? = nil, textField: String? = nil, placeField: String? = nil,
        locationField: String? = nil, admissionField: String? = nil, entryField: String? = nil,
        doorValue: String? = nil,
        done: [String] = [],
        manualEntry: [String: String] = [:]
    ) {
        self.part = part
        self.kindField = kindField
        self.textField = textField
        self.placeField = placeField
        self.locationField = locationField
        self.admissionField = admissionField
        self.entryField = entryField
        self.doorValue = doorValue
        self.done = done
        self.manualEntry = manualEntry
    }

    private enum CodingKeys: String, CodingKey {
        case part, kindField, textField, placeField, locationField, admissionField, entryField, doorValue, done
        case manualEntry
    }

    /// Decodes a role; definitions described before `manualEntry` existed carry none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            part: try c.decode(Part.self, forKey: .part),
            kindField: try c.decodeIfPresent(String.self, forKey: .kindField),
            textField: try c.decodeIfPresent(String.self, forKey: .textField),
            placeField: try c.decodeIfPresent(String.self, forKey: .placeField),
            locationField: try c.decodeIfPresent(String.self, forKey: .locationField),
            admissionField: try c.decodeIfPresent(String.self, forKey: .admissionField),
            entryField: try c.decodeIfPresent(String.self, forKey: .entryField),
            doorValue: try c.decodeIfPresent(String.self, forKey: .doorValue),
            done: try c.decodeIfPresent([String].self, forKey: .done) ?? [],
            manualEntry: try c.decodeIfPresent([String: String].self, forKey: .manualEntry) ?? [:])
    }
}

/// One plaque or board of a committee's register, with where it hangs and whether it is being or was removed.
public struct RegisterItem: Hashable, Sendable {
    /// Whether it hangs.
    public enum Status: String, Hashable, Sendable {
        /// In place.
        case inPlace
        /// A removal task is open: it still hangs.
        case removalPending
        /// Taken down (the office confirmed).
        case removed
    }

    /// The register entry's id.
    public var id: String
    /// Plaque or board (the entry's kind value).
    public var kind: String
    /// The wording.
    public var text: String
    /// The place value (door, inside, …).
    public var place: String
    /// The exact spot, if recorded.
    public var location: String?
    /// The admission it came from; nil for what hung before admission existed.
    public var admission: String?
    /// In place, removal pending or removed.
    public var status: Status
    /// The removal task, if any.
    public var removal: String?
    /// When it was entered.
    public var since: Date
}

/// A committee's register: every plaque and board, and whether its door shows exactly the four 2+2 plaques.
public struct RegisterReport: Hashable, Sendable {
    /// The committee's name.
    public var committee: String
    /// Every item, in place first, then by date.
    public var items: [RegisterItem]
    /// The 2+2 plaques not at the door (by the notice's wording).
    public var missingDoorPlaques: [String]
    /// Items at the door that are not a 2+2 plaque, or a 2+2 plaque hung twice.
    public var extraAtDoor: [RegisterItem]

    /// Whether the door shows exactly the four 2+2 plaques.
    public var compliant: Bool { missingDoorPlaques.isEmpty && extraAtDoor.isEmpty }

    /// Builds the register of `committee` from its entries and the removal tasks of the register.
    public static func make(
        committee: Committee, entries: [WorkflowInstance], entryRole: RegisterRole, removals: [WorkflowInstance],
        removalRole: RegisterRole?
    ) -> RegisterReport {
        func text(_ instance: WorkflowInstance, _ field: String?) -> String? {
            field.flatMap { (instance.fields[$0] ?? instance.subject[$0])?.displayText }
        }
        var items: [RegisterItem] = []
        for entry in entries where entry.committee == committee.name {
            let admission = text(entry, entryRole.admissionField)
            let removal = removals.filter { task in
                guard let removalRole else { return false }
                if text(task, removalRole.entryField) == entry.id { return true }
                if let admission, !admission.isEmpty, text(task, removalRole.admissionField) == admission {
                    return true
                }
                return false
            }.max { $0.createdAt < $1.createdAt }
            var status = RegisterItem.Status.inPlace
            if let removal, let removalRole {
                if removalRole.done.contains(removal.state) {
                    status = .removed
                } else if !removal.final {
                    status = .removalPending
                }
            }
            items.append(
                RegisterItem(
                    id: entry.id, kind: text(entry, entryRole.kindField) ?? "",
                    text: text(entry, entryRole.textField) ?? "", place: text(entry, entryRole.placeField) ?? "",
                    location: text(entry, entryRole.locationField), admission: admission, status: status,
                    removal: removal?.id, since: entry.createdAt))
        }
        items.sort {
            if ($0.status == .removed) != ($1.status == .removed) { return $1.status == .removed }
            return $0.since < $1.since
        }
        let atDoor = items.filter { $0.status != .removed && $0.place == entryRole.doorValue }
        var seen: Set<Int> = []
        var extra: [RegisterItem] = []
        for item in atDoor {
            if let index = committee.doorPlaqueIndex(item.text), seen.insert(index).inserted { continue }
            extra.append(item)
        }
        let missing = committee.doorPlaques.enumerated().filter { !seen.contains($0.offset) }.map(\.element)
        return RegisterReport(committee: committee.name, items: items, missingDoorPlaques: missing, extraAtDoor: extra)
    }
}
