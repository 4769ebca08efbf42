/// Accumulates (row, column, value) triplets and turns them into a `CSCMatrix` with duplicates summed
/// (solver.md §2.2). Two counting-sort passes: O(nnz + rows + columns), no comparison sort.
public struct TripletBuilder: Sendable {
  public let rowCount: Int
  public let columnCount: Int
  public private(set) var rows: [Int32] = []
  public private(set) var columns: [Int32] = []
  public private(set) var values: [Double] = []
  /// First out-of-range triplet, reported by `makeCSC()` (append stays non-throwing for convenience).
  private var firstOutOfRange: (row: Int, column: Int)?

  public init(rowCount: Int, columnCount: Int, reserve: Int = 0) {
    self.rowCount = rowCount
    self.columnCount = columnCount
    rows.reserveCapacity(reserve)
    columns.reserveCapacity(reserve)
    values.reserveCapacity(reserve)
  }

  public var count: Int { values.count }

  /// Appends one entry; entries at the same position are summed by `makeCSC()`. Explicit zeros are kept.
  public mutating func append(row: Int, column: Int, value: Double) {
    if row < 0 || row >= rowCount || column < 0 || column >= columnCount {
      if firstOutOfRange == nil { firstOutOfRange = (row, column) }
      return
    }
    rows.append(Int32(truncatingIfNeeded: row))
    columns.append(Int32(truncatingIfNeeded: column))
    values.append(value)
  }

  /// The summed CSC matrix.
  public func makeCSC() throws -> CSCMatrix { try makeCSCWithMap().0 }

  /// The summed CSC matrix and, for each appended triplet k, the index of the CSC entry it landed in.
  public func makeCSCWithMap() throws -> (CSCMatrix, [Int32]) {
    try CSCMatrix.checkIndexRange(rowCount: rowCount, columnCount: columnCount, entries: values.count)
    if let bad = firstOutOfRange {
      throw SparseError.indexOutOfRange(row: bad.row, column: bad.column, rowCount: rowCount, columnCount: columnCount)
    }
    let entryCount = values.count
    // Pass 1: bucket triplets by row (CSR order, input order kept inside a row).
    var rowStarts = [Int](repeating: 0, count: rowCount + 1)
    for row in rows { rowStarts[Int(row) + 1] += 1 }
    for row in 0..<rowCount { rowStarts[row + 1] += rowStarts[row] }
    var byRow = [Int](repeating: 0, count: entryCount)  // triplet ids in row-major order
    var rowCursor = rowStarts
    for k in 0..<entryCount {
      let row = Int(rows[k])
      byRow[rowCursor[row]] = k
      rowCursor[row] += 1
    }
    // Pass 2: bucket by column walking rows in increasing order, so rows come out sorted in each column.
    var columnStarts = [Int](repeating: 0, count: columnCount + 1)
    for column in columns { columnStarts[Int(column) + 1] += 1 }
    for column in 0..<columnCount { columnStarts[column + 1] += columnStarts[column] }
    var sortedTriplet = [Int](repeating: 0, count: entryCount)
    var columnCursor = columnStarts
    for k in byRow {
      let column = Int(columns[k])
      sortedTriplet[columnCursor[column]] = k
      columnCursor[column] += 1
    }
    // Pass 3: sum adjacent duplicates and compact; record the destination of every triplet.
    var outStarts = [Int32](repeating: 0, count: columnCount + 1)
    var outRows: [Int32] = []
    var outValues: [Double] = []
    outRows.reserveCapacity(entryCount)
    outValues.reserveCapacity(entryCount)
    var map = [Int32](repeating: 0, count: entryCount)
    for column in 0..<columnCount {
      var lastRow: Int32 = -1
      for position in columnStarts[column]..<columnStarts[column + 1] {
        let k = sortedTriplet[position]
        if rows[k] == lastRow {
          outValues[outValues.count - 1] += values[k]
        } else {
          outRows.append(rows[k])
          outValues.append(values[k])
          lastRow = rows[k]
        }
        map[k] = Int32(outRows.count - 1)
      }
      outStarts[column + 1] = Int32(outRows.count)
    }
    return (CSCMatrix(unchecked: rowCount, columnCount, outStarts, outRows, outValues), map)
  }
}
