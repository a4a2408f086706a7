import Foundation
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import WorkflowStore

/// One connection, used synchronously: the store protocols block their caller (the engine's commit thread, or a
/// reader), as SQLite's calls do. Waits on a semaphore rather than `EventLoopFuture.wait()`, which NIO forbids on
/// any event-loop thread — and engine code may run on the Varlink server's loops (task executor preference). The
/// connection's own loop belongs to the store, so waiting never blocks the loop that must answer.
final class PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger
    /// Set when the connection failed (not a refusal by the server) or did not answer in time: the session is
    /// closed and dropped; a transaction on it is rolled back by the server, and nothing more is sent on it
    /// (postgres-nio may leave a statement sent to a closing connection unanswered forever).
    private let brokenFlag = Mutex(false)
    var isBroken: Bool { brokenFlag.withLock { $0 } || connection.isClosed }

    /// How long a statement may take to answer, lock waits included (another daemon's long transaction).
    static let answerTimeout: DispatchTimeInterval = .seconds(120)

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Runs one statement written with `?` placeholders; returns its rows and how many rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws -> (rows: [PostgresRow], changed: Int) {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .text(let text): bindings.append(text)
            case .integer(let integer): bindings.append(integer)
            case .bytes(let data): try bindings.append(data)
            case .null: bindings.appendNull()
            }
        }
        let query = PostgresQuery(unsafeSQL: Placeholders.numbered(sql), binds: bindings)
        guard !isBroken else { throw StoreError(.io, "the database connection was lost") }
        do {
            let result = try Self.await(connection.query(query, logger: logger), timeout: Self.answerTimeout)
            return (result.rows, result.metadata.rows ?? 0)
        } catch let error as StoreError where error.code == .io && error.message.hasPrefix("the database") {
            brokenFlag.withLock { $0 = true }
            // Kept until closed: a connection must not be let go before (postgres-nio asserts it).
            connection.closeFuture.whenComplete { [self] _ in _ = self }
            let closing: EventLoopFuture<Void> = connection.close()
            _ = closing
            throw error
        }
    }

    /// The rows of a query, read by column name.
    func rows(_ sql: String, _ values: [SQLValue] = []) throws -> [PostgresStoreRow] {
        try run(sql, values).rows.map { PostgresStoreRow(row: PostgresRandomAccessRow($0)) }
    }

    func row(_ sql: String, _ values: [SQLValue] = []) throws -> PostgresStoreRow? {
        try rows(sql, values).first
    }

    /// Blocks until `future` completes (see the type's note on why not `wait()`).
    static func await<Value: Sendable>(
        _ future: EventLoopFuture<Value>, timeout: DispatchTimeInterval? = nil
    ) throws -> Value {
        // On the loop that must complete it, the wait would never end.
        precondition(!future.eventLoop.inEventLoop, "a PostgreSQL call waited on its own connection's event loop")
        let outcome = Outcome<Value>()
        future.whenComplete { result in
            outcome.result = result
            outcome.done.signal()
        }
        if let timeout {
            guard outcome.done.wait(timeout: .now() + timeout) == .success else {
                throw StoreError(.io, "the database did not answer within \(timeout)")
            }
        } else {
            outcome.done.wait()
        }
        do {
            return try outcome.result!.get()
        } catch let error as PSQLError {
            throw PostgresStore.storeError(error)
        }
    }

    func close() {
        _ = try? Self.await(connection.close())
    }
}

/// A future's result, handed from its event loop to the waiting thread (the semaphore orders the two).
private final class Outcome<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
    let done = DispatchSemaphore(value: 0)
}

/// A result row by column name.
struct PostgresStoreRow: StoreRow {
    let row: PostgresRandomAccessRow

    func string(_ column: String) throws -> String? { try row[column].decode(String?.self) }
    func integer(_ column: String) throws -> Int64? { try row[column].decode(Int64?.self) }
    func bytes(_ column: String) throws -> Data? { try row[column].decode(Data?.self) }
    func bool(_ column: String) throws -> Bool { try row[column].decode(Bool.self) }
}

/// `?` placeholders numbered as PostgreSQL writes them (`$1`, `$2` …), outside quoted text; each statement's text
/// is converted once.
enum Placeholders {
    private static let converted = Mutex<[String: String]>([:])

    static func numbered(_ sql: String) -> String {
        if let known = converted.withLock({ $0[sql] }) { return known }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?" && !quoted {
                n += 1
                result += "$\(n)"
            } else {
                result.append(character)
            }
        }
        converted.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[sql] = result
        }
        return result
    }
}
