import Glibc
import Testing

@testable import Systemd

extension ProcessEnvironmentTests {
    @Suite
    struct NotifierTests {
        @Test(arguments: [false, true])
        func sendsLifecycleMessagesInOrder(abstract: Bool) throws {
            let receiver = try DatagramReceiver(abstract: abstract)
            let notifier = Notifier()
            var before: UInt64 = 0
            var after: UInt64 = 0
            try withEnvironment(["NOTIFY_SOCKET": receiver.address]) { () throws in
                #expect(try notifier.ready(status: "Listening\non varlink"))
                #expect(try notifier.status("3 instances open"))
                #expect(try notifier.watchdog())
                before = Notifier.monotonicMicroseconds()
                #expect(try notifier.reloading())
                after = Notifier.monotonicMicroseconds()
                #expect(try notifier.ready())
                #expect(try notifier.stopping())
                #expect(try notifier.send("CUSTOM=1"))
            }

            #expect(receiver.receive() == "READY=1\nSTATUS=Listening on varlink")
            #expect(receiver.receive() == "STATUS=3 instances open")
            #expect(receiver.receive() == "WATCHDOG=1")
            let reloading = try #require(receiver.receive()).split(separator: "\n")
            #expect(reloading.count == 2)
            #expect(reloading.first == "RELOADING=1")
            let monotonic = try #require(reloading.last?.split(separator: "=", maxSplits: 1))
            #expect(monotonic.first == "MONOTONIC_USEC")
            let microseconds = try #require(UInt64(monotonic.last ?? ""))
            #expect(before <= microseconds && microseconds <= after)
            #expect(receiver.receive() == "READY=1")
            #expect(receiver.receive() == "STOPPING=1")
            #expect(receiver.receive() == "CUSTOM=1")
            #expect(receiver.isEmpty())
        }

        @Test
        func aDisabledNotifierSendsNothingWhateverTheEnvironmentSays() throws {
            let receiver = try DatagramReceiver(abstract: false)
            try withEnvironment(["NOTIFY_SOCKET": receiver.address]) { () throws in
                #expect(try !Notifier.disabled.ready(status: "in a test process"))
                #expect(try !Notifier.disabled.status("0 open"))
                #expect(try Notifier().status("sent"))
            }
            #expect(receiver.receive() == "STATUS=sent")
            #expect(receiver.isEmpty())
        }

        @Test
        func monotonicMatchesClockGettime() {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let reference = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
            let value = Notifier.monotonicMicroseconds()
            #expect(value >= reference && value - reference < 1_000_000)
        }

        @Test
        func isANoOpWithoutNotifySocket() throws {
            try withEnvironment(["NOTIFY_SOCKET": nil]) { () throws in
                #expect(try Notifier().ready(status: "Listening") == false)
                #expect(try Notifier().watchdog() == false)
            }
        }

        @Test
        func throwsWhenTheSocketIsGone() throws {
            try withEnvironment(["NOTIFY_SOCKET": "/nonexistent/streetflow/notify.sock"]) { () throws in
                #expect(throws: SystemdError.self) { try Notifier().ready() }
            }
        }

        @Test
        func extendsTimeoutInMicroseconds() throws {
            let receiver = try DatagramReceiver(abstract: true)
            try withEnvironment(["NOTIFY_SOCKET": receiver.address]) { () throws in
                try Notifier().extendTimeout(by: .seconds(90))
            }
            #expect(receiver.receive() == "EXTEND_TIMEOUT_USEC=90000000")
        }
    }
}
