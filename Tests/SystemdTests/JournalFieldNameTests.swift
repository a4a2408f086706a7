import Logging
import Testing

@testable import Systemd

struct JournalFieldNameTests {
    @Test(arguments: [
        ("instance", "STREETFLOW_INSTANCE"),
        ("actor.uid", "STREETFLOW_ACTOR_UID"),
        ("chain.head", "STREETFLOW_CHAIN_HEAD"),
        ("peer-pid", "STREETFLOW_PEER_PID"),
        ("Workflow.Version2", "STREETFLOW_WORKFLOW_VERSION2"),
        ("委员会.name", "STREETFLOW__NAME"),
        ("a b/c", "STREETFLOW_ABC"),
        ("message.id", "MESSAGE_ID"),
    ])
    func mapsMetadataKeys(key: String, field: String) {
        #expect(JournalLogHandler.fieldName(forMetadataKey: key) == field)
    }

    @Test(arguments: ["", "委员会", "...", "-"])
    func dropsKeysWithNothingLeft(key: String) {
        #expect(JournalLogHandler.fieldName(forMetadataKey: key) == nil)
    }

    @Test
    func usesTheGivenPrefix() {
        #expect(JournalLogHandler.fieldName(forMetadataKey: "instance", prefix: "SF_") == "SF_INSTANCE")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "instance", prefix: "sf.") == "SF_INSTANCE")
        // Without a prefix: no trusted "_" names, no leading digit, no second MESSAGE.
        #expect(JournalLogHandler.fieldName(forMetadataKey: "_pid", prefix: "") == "PID")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "2fa", prefix: "") == "FA")
        #expect(JournalLogHandler.fieldName(forMetadataKey: "message", prefix: "") == nil)
        #expect(JournalLogHandler(label: "x", fieldPrefix: "sf.").fieldPrefix == "SF_")
    }

    @Test
    func limitsNamesTo64Characters() throws {
        let name = try #require(JournalLogHandler.fieldName(forMetadataKey: String(repeating: "k", count: 100)))
        #expect(name.count == 64)
        #expect(name.hasPrefix("STREETFLOW_KKK"))
    }

    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func mapsLevelsToSyslogPriorities(level: Logger.Level, priority: Int) {
        #expect(JournalLogHandler.priority(level) == priority)
    }
}

struct JournalFieldNameCacheTests {
    @Test
    func remembersWhatFieldNameGivesAndStopsGrowingAtItsLimit() {
        let cache = JournalLogHandler.FieldNameCache()
        let keys = ["instance", "actor.uid", "message.id", "委员会", "...", "chain.head", "a b/c"]
        for prefix in ["STREETFLOW_", "SF_", ""] {
            for key in keys + keys {
                #expect(
                    cache.name(forMetadataKey: key, prefix: prefix)
                        == JournalLogHandler.fieldName(forMetadataKey: key, prefix: prefix), "\(prefix) \(key)")
            }
        }
        #expect(cache.count == 3 * keys.count)
        // Keys a program makes up as it goes are named all the same, but not all kept.
        for n in 0..<(2 * JournalLogHandler.FieldNameCache.limit) {
            #expect(cache.name(forMetadataKey: "request.\(n)", prefix: "SF_") == "SF_REQUEST_\(n)")
        }
        #expect(cache.count == JournalLogHandler.FieldNameCache.limit)
    }
}
