import Synchronization
import Testing

@testable import Varlink

/// The dispatch rules, run in memory: no sockets, the replies collected as they are sent.
struct ReplyWriterTests {
    final class Sent: Sendable {
        private let replies = Mutex<[VarlinkReply]>([])
        func append(_ reply: VarlinkReply) { replies.withLock { $0.append(reply) } }
        var all: [VarlinkReply] { replies.withLock { $0 } }
    }

    static func dispatch(_ request: VarlinkRequest) async throws -> [VarlinkReply] {
        let sent = Sent()
        let writer = VarlinkReplyWriter(oneway: request.oneway, more: request.more) { sent.append($0) }
        let service = try makeTestService(probe: Probe())
        await service.dispatch(
            request, peer: PeerCredentials(uid: 1, gid: 2, pid: 3), writer: writer, logger: quietLogger)
        return sent.all
    }

    @Test func aHandlerThatReturnsWithoutReplyingGetsAnEmptyFinalReply() async throws {
        let replies = try await Self.dispatch(
            VarlinkRequest(method: "org.example.test.Record", parameters: ["note": "n"]))
        #expect(replies == [VarlinkReply(parameters: [:])])
    }

    @Test func onewayCallsSendNothingEvenOnError() async throws {
        #expect(
            try await Self.dispatch(
                VarlinkRequest(method: "org.example.test.Echo", parameters: ["text": "a"], oneway: true)
            ).isEmpty)
        #expect(
            try await Self.dispatch(
                VarlinkRequest(method: "org.example.test.Fail", parameters: ["code": 1], oneway: true)
            ).isEmpty)
        #expect(try await Self.dispatch(VarlinkRequest(method: "org.example.test.Nope", oneway: true)).isEmpty)
    }

    @Test func continuesWithoutMoreBecomesExpectedMore() async throws {
        let replies = try await Self.dispatch(VarlinkRequest(method: "org.example.test.Count", parameters: ["to": 2]))
        #expect(replies == [VarlinkReply(error: .expectedMore())])
    }

    @Test func theWriterRefusesRepliesAfterTheFinalOne() async throws {
        let sent = Sent()
        let writer = VarlinkReplyWriter(oneway: false, more: true) { sent.append($0) }
        try await writer.reply(["n": 1], continues: true)
        try await writer.reply(["n": 2])
        #expect(writer.isFinished)
        await #expect(throws: VarlinkReplyAlreadySent.self) { try await writer.reply(["n": 3]) }
        #expect(try await writer.fail(.permissionDenied()) == false)
        #expect(sent.all == [VarlinkReply(parameters: ["n": 1], continues: true), VarlinkReply(parameters: ["n": 2])])
    }

    @Test func wireFormsOfRequestsAndReplies() throws {
        let request = VarlinkRequest(method: "a.b.C", parameters: ["x": 1], more: true)
        #expect(request.json.serialized() == #"{"method":"a.b.C","more":true,"parameters":{"x":1}}"#)
        #expect(try VarlinkRequest(json: request.json) == request)
        #expect(request.interfaceName == "a.b")
        #expect(request.memberName == "C")
        #expect(throws: VarlinkError.self) { try VarlinkRequest(json: ["method": 3]) }
        #expect(throws: VarlinkError.self) { try VarlinkRequest(json: ["method": "a.b.C", "more": "yes"]) }
        let error = VarlinkReply(error: .invalidParameter("x"))
        #expect(
            error.json.serialized()
                == #"{"error":"org.varlink.service.InvalidParameter","parameters":{"parameter":"x"}}"#)
        #expect(try VarlinkReply(json: error.json).varlinkError == .invalidParameter("x"))
    }
}
