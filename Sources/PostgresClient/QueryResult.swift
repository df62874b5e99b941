import CLibPQ

/// Owns a `PGresult`. libpq documents results as read-only once returned, so rows may be decoded from any
/// thread while the connection runs other statements.
@usableFromInline
final class QueryResult: @unchecked Sendable {
    let pointer: OpaquePointer
    let columnNames: [String]
    /// First column of each name, matched exactly (case-sensitive), unlike libpq's `PQfnumber`.
    let columnIndexes: [String: Int]

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
        let count = Int(PQnfields(pointer))
        var names: [String] = []
        var indexes: [String: Int] = [:]
        names.reserveCapacity(count)
        for column in 0..<count {
            let name = PQfname(pointer, Int32(column)).map { String(cString: $0) } ?? ""
            names.append(name)
            if indexes[name] == nil { indexes[name] = column }
        }
        columnNames = names
        columnIndexes = indexes
    }

    deinit {
        PQclear(pointer)
    }

    var rowCount: Int { Int(PQntuples(pointer)) }

    /// Rows inserted, updated, deleted, selected, … as the command tag reports; 0 where it reports none.
    var affectedRows: Int {
        PQcmdTuples(pointer).flatMap { Int(String(cString: $0)) } ?? 0
    }

    var commandTag: String {
        PQcmdStatus(pointer).map { String(cString: $0) } ?? ""
    }

    var rows: [PostgresRow] {
        (0..<rowCount).map { PostgresRow(result: self, row: Int32($0)) }
    }

    func isNull(row: Int32, column: Int) -> Bool {
        PQgetisnull(pointer, row, Int32(column)) == 1
    }

    @usableFromInline
    func text(row: Int32, column: Int) -> String? {
        guard !isNull(row: row, column: column), let value = PQgetvalue(pointer, row, Int32(column)) else { return nil }
        let length = Int(PQgetlength(pointer, row, Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func typeOID(column: Int) -> UInt32 {
        PQftype(pointer, Int32(column))
    }
}
