import Foundation

/// What a clean close leaves beside the store: the device, inode, size and modification time of the database file
/// and of its write-ahead log (or that there is none). The next open that finds the file exactly so may skip SQLite's `quick_check`,
/// which reads the whole file (0.8 s for a store of 1,000,000 events): nothing has written it since it was closed
/// whole. The seal is removed as soon as the store is opened, so after a crash, a copy or a restore there is none,
/// and the whole file is checked as before.
enum StoreSeal {
    static func write(_ seal: String, database: String) {
        guard let identity = identity(of: database) else { return }
        let temporary = seal + ".new"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(identity.utf8)) else { return }
        rename(temporary, seal)
    }

    static func matches(_ seal: String, database: String) -> Bool {
        guard let recorded = FileManager.default.contents(atPath: seal), let identity = identity(of: database) else {
            return false
        }
        return String(decoding: recorded, as: UTF8.self) == identity
    }

    private static func identity(of database: String) -> String? {
        guard let file = identity(file: database) else { return nil }
        return "streetflow-seal 1\ndatabase \(file)\nwal \(identity(file: database + "-wal") ?? "absent")\n"
    }

    private static func identity(file path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "dev=\(info.st_dev) ino=\(info.st_ino) size=\(info.st_size) "
            + "mtime=\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
