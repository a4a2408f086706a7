import Foundation
import PostgresNIO
import WorkflowStore

/// Where the district's database is: `postgresql://user[:password]@host[:port]/database`, or a Unix socket with
/// `postgresql://user@/database?host=/run/postgresql` (libpq's spelling: `host` names the socket's directory).
/// The password belongs in a root-only file or a systemd credential, not in the URL (``init(url:password:)``).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var database: String
    /// A TCP host, or nil with a socket directory.
    public var host: String?
    public var port: Int
    /// The directory of the server's Unix socket (`.s.PGSQL.<port>` in it).
    public var socketDirectory: String?

    /// Parses `url`; `password` (from a file or credential) wins over one written in the URL.
    public init(url: String, password: String? = nil) throws {
        guard let components = URLComponents(string: url),
            components.scheme == "postgresql" || components.scheme == "postgres"
        else {
            throw StoreError(
                .io, "store.url must look like postgresql://user@host/database (or ?host=/run/postgresql), not \(url)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw StoreError(.io, "store.url names no user: postgresql://USER@host/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw StoreError(.io, "store.url names no database: postgresql://user@host/DATABASE")
        }
        self.user = user.removingPercentEncoding ?? user
        self.password = password ?? components.password?.removingPercentEncoding
        self.database = database
        self.port = components.port ?? 5432
        let socket = components.queryItems?.first(where: { $0.name == "host" })?.value
        if let socket, socket.hasPrefix("/") {
            socketDirectory = socket
            host = nil
        } else if let host = components.host, !host.isEmpty {
            self.host = host
            socketDirectory = nil
        } else {
            socketDirectory = "/run/postgresql"
            host = nil
        }
    }

    /// The URL without its password, for logs and messages.
    public var description: String {
        let place = host.map { "\($0):\(port)" } ?? ""
        let socket = socketDirectory.map { "?host=\($0)" } ?? ""
        return "postgresql://\(user)@\(place)/\(database)\(socket)"
    }

    /// The same server, another database (tests create one per suite; `migrate-store` checks its target).
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    var configuration: PostgresConnection.Configuration {
        if let socketDirectory {
            return PostgresConnection.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password,
                database: database)
        }
        return PostgresConnection.Configuration(
            host: host ?? "localhost", port: port, username: user, password: password, database: database,
            tls: .disable)
    }
}
