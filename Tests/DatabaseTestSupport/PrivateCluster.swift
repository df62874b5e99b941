import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of one test's own, for tests that stop or restart the server: the shared
/// throwaway cluster serves every other suite at the same time, and restarting it would fail their
/// statements. Listens on a unix socket in its own temporary directory only; removed by `stop()`.
public final class PrivateCluster: @unchecked Sendable {
    public let directory: String
    private let bindir: String

    /// The server binaries: `COMMENTMOD_PG_BINDIR` (set by deploy/throwaway-postgres.sh), else the newest
    /// Debian install. Nil when there is none, and the tests that need a cluster are skipped.
    public static var binaryDirectory: String? {
        if let bindir = ProcessInfo.processInfo.environment["COMMENTMOD_PG_BINDIR"],
           FileManager.default.isExecutableFile(atPath: bindir + "/initdb") {
            return bindir
        }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().last.map { "\(root)/\($0)/bin" }
            .flatMap { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") ? $0 : nil }
    }

    /// A libpq URI for the cluster's `postgres` database as the `postgres` superuser.
    public var conninfo: String { "postgresql:///postgres?host=\(directory)&user=postgres" }

    public init() throws {
        guard let bindir = Self.binaryDirectory else { throw CommentmodProcessError("no PostgreSQL server binaries") }
        self.bindir = bindir
        var template = Array("/tmp/commentmod-private-pg.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw CommentmodProcessError("cannot create a cluster directory") }
        directory = String(cString: made)
        chmod(directory, 0o755)
        if getuid() == 0, let postgres = getpwnam("postgres") {
            chown(directory, postgres.pointee.pw_uid, postgres.pointee.pw_gid)
        }
        do {
            try run(["initdb", "-D", "\(directory)/data", "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"])
            let settings = "listen_addresses = ''\nunix_socket_directories = '\(directory)'\nfsync = off\n"
            let config = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/data/postgresql.conf"))
            config.seekToEndOfFile()
            config.write(Data(settings.utf8))
            try config.close()
            try run(["pg_ctl", "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "start"])
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw error
        }
    }

    /// Restarts the server (fast shutdown: open connections are cut, as in a real restart).
    public func restart() throws {
        try run(["pg_ctl", "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-m", "fast", "-w", "restart"])
    }

    /// Stops the server and removes the cluster.
    public func stop() {
        try? run(["pg_ctl", "-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a server program, as the postgres user when we are root (PostgreSQL refuses root). Spawned with
    /// posix_spawn and reaped with waitpid: a started server outlives pg_ctl and inherits its descriptors,
    /// which makes Foundation's Process wait for it forever.
    private func run(_ command: [String]) throws {
        var arguments = ["\(bindir)/\(command[0])"] + command.dropFirst()
        if getuid() == 0 { arguments = ["/usr/sbin/runuser", "-u", "postgres", "--"] + arguments }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else {
            throw CommentmodProcessError("cannot start \(command[0])")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw CommentmodProcessError("\(command[0]) failed (status \(status))") }
    }
}
