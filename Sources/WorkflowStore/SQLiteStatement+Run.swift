import Foundation
import GRDB
import GRDBSQLite

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies the bound bytes before the bind call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension Statement {
    /// Executes a data-changing statement (INSERT, UPDATE or DELETE — never a transaction or savepoint statement,
    /// whose effects GRDB tracks) with `values` bound through SQLite's C API: the commit path's statements, without
    /// GRDB's argument arrays and per-statement bookkeeping (observation of changes, which this store does not use,
    /// and checks for suspended apps). A step that fails is handed to GRDB's own `execute`, which runs the statement
    /// again with all of its bookkeeping — it refuses to run in a transaction SQLite has already rolled back — and
    /// throws GRDB's error for it, so a failure looks exactly as it did before.
    func run(_ values: [SQLValue]) throws {
        let handle = sqliteStatement
        guard values.count == Int(sqlite3_bind_parameter_count(handle)) else {
            return try execute(arguments: StatementArguments(values))  // GRDB names the mismatch
        }
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .integer(let integer):
                code = sqlite3_bind_int64(handle, index, integer)
            case .text(var text):
                code = text.withUTF8 { bytes in
                    // An empty buffer may have no address, and SQLite reads a NULL pointer as NULL, not "".
                    bytes.isEmpty
                        ? sqlite3_bind_text(handle, index, "", 0, transient)
                        : sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), transient)
                }
            case .bytes(let data):
                code =
                    data.isEmpty
                    ? sqlite3_bind_zeroblob(handle, index, 0)
                    : data.withUnsafeBytes {
                        sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
                    }
            }
            // A value SQLite refuses (one over its length limit) must not run with the last call's value in its place.
            guard code == SQLITE_OK else {
                sqlite3_clear_bindings(handle)
                throw DatabaseError(resultCode: ResultCode(rawValue: code), sql: sql)
            }
        }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_DONE:
                return
            case SQLITE_ROW:
                continue
            default:
                sqlite3_reset(handle)
                try execute(arguments: StatementArguments(values))
                return
            }
        }
    }
}
