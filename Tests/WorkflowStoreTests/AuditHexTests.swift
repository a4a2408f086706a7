import Foundation
import Testing

@testable import WorkflowStore

/// The hex encoding the audit chain stores must stay byte-for-byte what it always was.
struct AuditHexTests {
    @Test func sha256OfKnownInputs() {
        #expect(AuditChain.sha256(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(AuditChain.sha256(Data("abc".utf8)) == abc)
    }

    @Test func hexOfEdgeBytes() {
        #expect(AuditChain.hex([0x00, 0x0F, 0xF0, 0xFF]) == "000ff0ff")
    }
}
