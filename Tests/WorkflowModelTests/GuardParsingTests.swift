import Testing

@testable import WorkflowModel

struct GuardParsingTests {
    static let known: [(text: String, expression: GuardExpression)] = [
        ("onReferenceList", GuardExpression(.onReferenceList(nil))),
        ("onReferenceList(admin-affairs)", GuardExpression(.onReferenceList("admin-affairs"))),
        ("onNegativeList", GuardExpression(.onNegativeList)),
        ("isDoorPlaque", GuardExpression(.isDoorPlaque)),
        ("placementAllowed(placement, door)", GuardExpression(.placementAllowed(field: "placement", value: "door"))),
        ("checklistComplete(checklist)", GuardExpression(.checklistComplete("checklist"))),
        ("field(location) == room-wall", GuardExpression(.fieldEquals("location", "room-wall"))),
        ("field(location) != room-wall", GuardExpression(.fieldNotEquals("location", "room-wall"))),
        (
            "committeeReached(pilot, committee-rollout, accepted)",
            GuardExpression(
                .committeeReached("pilot", StateReference(workflow: "committee-rollout", state: "accepted")))
        ),
        ("onOrAfter(2020-01-01)", GuardExpression(.onOrAfter(LocalDate(year: 2020, month: 1, day: 1)!))),
        ("not isDoorPlaque", GuardExpression(.isDoorPlaque, negated: true)),
        ("not field(phase) == pilot", GuardExpression(.fieldEquals("phase", "pilot"), negated: true)),
        ("nearNegativeList", GuardExpression(.nearNegativeList)),
        ("inProgramme(committee)", GuardExpression(.inProgramme("committee"))),
        (
            "programmeReached(committee-rollout, accepted)",
            GuardExpression(.programmeReached(StateReference(workflow: "committee-rollout", state: "accepted")))
        ),
        ("noOpenRequest(committee)", GuardExpression(.noOpenRequest("committee"))),
        ("listUpdate(listText)", GuardExpression(.listUpdate("listText"))),
        ("byDepartment", GuardExpression(.byDepartment)),
        ("field(place) == field(placement)", GuardExpression(.fieldEquals("place", "field(placement)"))),
    ]

    @Test(arguments: known)
    func parsesAndRoundTrips(text: String, expression: GuardExpression) throws {
        let parsed = try GuardExpression(parsing: text)
        #expect(parsed == expression)
        #expect(parsed.description == text)
        #expect(try GuardExpression(parsing: parsed.description) == parsed)
    }

    @Test func everyKnownNameHasAParsedExample() {
        let names = Set(Self.known.map(\.expression.predicate.name))
        #expect(names == Set(GuardPredicate.knownNames))
    }

    @Test func toleratesSpacesAndQuotes() throws {
        #expect(
            try GuardExpression(parsing: "  field( location )  ==  \"room-wall\" ").description
                == "field(location) == room-wall")
        #expect(
            try GuardExpression(parsing: "checklistComplete( checklist )")
                == GuardExpression(.checklistComplete("checklist")))
    }

    static let malformed: [(text: String, messageContains: String)] = [
        ("isSunny", "unknown guard 'isSunny'"),
        ("not isSunny", "unknown guard 'isSunny'"),
        ("IsDoorPlaque", "unknown guard 'IsDoorPlaque'"),
        ("", "unknown guard ''"),
        ("checklistComplete", "checklistComplete needs a checklist field"),
        ("checklistComplete()", "checklistComplete needs a checklist field"),
        ("committeeReached(pilot)", "committeeReached takes a committee or committee field, a workflow and a state"),
        ("committeeReached(pilot, rollout, )", "committeeReached takes"),
        ("placementAllowed", "placementAllowed takes a subject field and its door value"),
        ("placementAllowed(placement)", "placementAllowed takes"),
        ("onOrAfter", "onOrAfter needs a date"),
        ("onOrAfter(2020-13-01)", "'2020-13-01' is not a YYYY-MM-DD date"),
        ("onOrAfter(tomorrow)", "'tomorrow' is not a YYYY-MM-DD date"),
        ("isDoorPlaque(", "missing ')'"),
        ("field(location) ==", "field(KEY) == VALUE"),
        ("location != room-wall", "field(KEY) != VALUE"),
        ("field(location)", "field(KEY) == VALUE"),
    ]

    @Test(arguments: malformed)
    func rejectsWithAUsefulMessage(text: String, messageContains: String) {
        #expect {
            try GuardExpression(parsing: text)
        } throws: { error in
            guard let error = error as? GuardExpression.ParseError else { return false }
            return error.message.contains(messageContains)
        }
    }

    @Test func unknownNameListsTheKnownOnes() {
        #expect {
            try GuardExpression(parsing: "isSunny")
        } throws: { error in
            let message = (error as? GuardExpression.ParseError)?.message ?? ""
            return GuardPredicate.knownNames.allSatisfy { message.contains($0) }
        }
    }
}
