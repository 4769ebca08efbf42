/// Errors raised when sparse data violates the invariants of `CSCMatrix` (solver.md §2.1).
public enum SparseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// More than 2³¹ − 1 stored entries or dimensions; indices are stored as `Int32`.
  case indexOverflow(count: Int)
  /// A row or column index outside the matrix.
  case indexOutOfRange(row: Int, column: Int, rowCount: Int, columnCount: Int)
  /// The structural arrays are inconsistent (detail says how).
  case invalidStructure(String)
  /// Two operands have incompatible shapes.
  case dimensionMismatch(String)

  public var description: String {
    switch self {
    case .indexOverflow(let count):
      return "sparse matrix too large: \(count) entries or dimensions exceed the Int32 index range"
    case .indexOutOfRange(let row, let column, let rowCount, let columnCount):
      return "entry (\(row), \(column)) lies outside a \(rowCount)×\(columnCount) matrix"
    case .invalidStructure(let detail):
      return "invalid CSC structure: \(detail)"
    case .dimensionMismatch(let detail):
      return "dimension mismatch: \(detail)"
    }
  }
}
