/// A sparse matrix in compressed sparse column (CSC) form (solver.md §2.1).
///
/// Invariants, checked by `validate()`:
/// - `columnStarts` has `columnCount + 1` nondecreasing entries, the first 0 and the last `nonzeroCount`;
/// - row indices are in range, strictly increasing inside each column;
/// - explicit zeros are kept so that a sparsity pattern stays stable when a coefficient happens to be 0.
public struct CSCMatrix: Sendable, Equatable {
  public let rowCount: Int
  public let columnCount: Int
  /// `columnCount + 1` offsets into `rowIndices` and `values`.
  public internal(set) var columnStarts: [Int32]
  /// Row index of each stored entry, sorted and unique inside a column.
  public internal(set) var rowIndices: [Int32]
  /// Value of each stored entry; may contain explicit zeros.
  public var values: [Double]

  /// Number of stored entries (explicit zeros included).
  public var nonzeroCount: Int { Int(columnStarts[columnCount]) }

  /// Creates a matrix from raw CSC arrays and validates them.
  public init(
    rowCount: Int, columnCount: Int, columnStarts: [Int32], rowIndices: [Int32], values: [Double]
  ) throws {
    try Self.checkIndexRange(rowCount: rowCount, columnCount: columnCount, entries: rowIndices.count)
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.columnStarts = columnStarts
    self.rowIndices = rowIndices
    self.values = values
    try validate()
  }

  /// Internal initialiser for arrays already known to be valid.
  init(unchecked rowCount: Int, _ columnCount: Int, _ columnStarts: [Int32], _ rowIndices: [Int32], _ values: [Double]) {
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.columnStarts = columnStarts
    self.rowIndices = rowIndices
    self.values = values
  }

  /// The `rowCount × columnCount` matrix with no stored entries.
  public static func zeros(rowCount: Int, columnCount: Int) -> CSCMatrix {
    CSCMatrix(unchecked: rowCount, columnCount, [Int32](repeating: 0, count: columnCount + 1), [], [])
  }

  /// The n × n identity scaled by `value`.
  public static func identity(_ dimension: Int, value: Double = 1) -> CSCMatrix {
    CSCMatrix(
      unchecked: dimension, dimension, (0...dimension).map { Int32($0) }, (0..<dimension).map { Int32($0) },
      [Double](repeating: value, count: dimension))
  }

  static func checkIndexRange(rowCount: Int, columnCount: Int, entries: Int) throws {
    let limit = Int(Int32.max)
    if rowCount < 0 || columnCount < 0 {
      throw SparseError.invalidStructure("negative dimension \(rowCount)×\(columnCount)")
    }
    for count in [rowCount, columnCount, entries] where count >= limit {
      throw SparseError.indexOverflow(count: count)
    }
  }

  /// Checks every invariant of the type; throws `SparseError.invalidStructure` naming the first violation.
  public func validate() throws {
    guard columnStarts.count == columnCount + 1 else {
      throw SparseError.invalidStructure("columnStarts has \(columnStarts.count) entries, expected \(columnCount + 1)")
    }
    guard columnStarts[0] == 0 else { throw SparseError.invalidStructure("columnStarts[0] = \(columnStarts[0]), expected 0") }
    guard Int(columnStarts[columnCount]) == rowIndices.count, rowIndices.count == values.count else {
      throw SparseError.invalidStructure(
        "last column start \(columnStarts[columnCount]), \(rowIndices.count) row indices, \(values.count) values")
    }
    for column in 0..<columnCount {
      let start = Int(columnStarts[column])
      let end = Int(columnStarts[column + 1])
      guard start <= end else { throw SparseError.invalidStructure("column starts decrease at column \(column)") }
      // A start beyond nnz followed by a decrease (e.g. [0, 4, 2] with nnz 2) would otherwise index past the arrays.
      guard end <= rowIndices.count else {
        throw SparseError.invalidStructure("column \(column) ends at \(end), beyond the \(rowIndices.count) entries")
      }
      var previous = -1
      for entry in start..<end {
        let row = Int(rowIndices[entry])
        guard row >= 0, row < rowCount else {
          throw SparseError.indexOutOfRange(row: row, column: column, rowCount: rowCount, columnCount: columnCount)
        }
        guard row > previous else {
          throw SparseError.invalidStructure("row indices not strictly increasing in column \(column) at row \(row)")
        }
        previous = row
      }
    }
  }

  /// The stored value at (row, column), or 0 when the entry is not stored. O(log nnz(column)).
  public subscript(row: Int, column: Int) -> Double {
    guard let entry = entryIndex(row: row, column: column) else { return 0 }
    return values[entry]
  }

  /// Position of entry (row, column) in `values`, or nil if it is not stored.
  public func entryIndex(row: Int, column: Int) -> Int? {
    var low = Int(columnStarts[column])
    var high = Int(columnStarts[column + 1])
    let target = Int32(truncatingIfNeeded: row)
    while low < high {
      let middle = (low + high) / 2
      if rowIndices[middle] < target { low = middle + 1 } else { high = middle }
    }
    return low < Int(columnStarts[column + 1]) && rowIndices[low] == target ? low : nil
  }

  /// A dense row-major copy, for tests and small diagnostics only.
  public func denseRows() -> [[Double]] {
    var dense = [[Double]](repeating: [Double](repeating: 0, count: columnCount), count: rowCount)
    for column in 0..<columnCount {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
        dense[Int(rowIndices[entry])][column] += values[entry]
      }
    }
    return dense
  }

  /// Removes stored entries whose value is exactly zero. Never called implicitly (pattern stability).
  public mutating func dropExplicitZeros() {
    var newStarts = [Int32](repeating: 0, count: columnCount + 1)
    var newRows: [Int32] = []
    var newValues: [Double] = []
    newRows.reserveCapacity(nonzeroCount)
    newValues.reserveCapacity(nonzeroCount)
    for column in 0..<columnCount {
      for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) where values[entry] != 0 {
        newRows.append(rowIndices[entry])
        newValues.append(values[entry])
      }
      newStarts[column + 1] = Int32(newRows.count)
    }
    columnStarts = newStarts
    rowIndices = newRows
    values = newValues
  }
}
