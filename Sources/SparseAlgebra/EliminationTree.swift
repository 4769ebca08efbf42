/// Elimination tree and column counts of the Cholesky/LDLᵀ factor of a symmetric matrix (solver.md §3.4).
///
/// The input is the upper triangle (row ≤ column) of the already permuted matrix C. For each column j of L,
/// `parent[j] = min{ i > j : L[i, j] ≠ 0 }` (−1 for a root) and `columnCounts[j]` is the number of entries strictly
/// below the diagonal. Both come from one pass over C that walks the row subtree of every row k of L:
/// O(nnz(L)) time and O(N) workspace.
public struct EliminationTree: Sendable, Equatable {
  /// Largest `factorNonzeros` whose prefix sums still fit the `Int32` entries of `columnStarts`.
  public static let maximumFactorNonzeros = Int(Int32.max)

  /// Parent of each column in the elimination tree, −1 for roots.
  public let parent: [Int32]
  /// Number of entries strictly below the diagonal in each column of L.
  public let columnCounts: [Int32]
  /// nnz(L) strictly below the diagonal: the sum of `columnCounts`.
  public private(set) var factorNonzeros: Int
  /// Prefix sums of `columnCounts` (`columnCounts.count + 1` entries, first 0, last `factorNonzeros`).
  /// Empty when `factorNonzeros > maximumFactorNonzeros`; callers must check that first and report an error.
  public private(set) var columnStarts: [Int32]

  /// Builds the tree and counts from the upper triangle of a symmetric matrix. Entries below the diagonal and the
  /// diagonal itself are ignored; values are never read.
  public init(upperTriangle: CSCMatrix) {
    precondition(upperTriangle.rowCount == upperTriangle.columnCount, "EliminationTree: matrix must be square")
    let dimension = upperTriangle.columnCount
    var parent = [Int32](repeating: -1, count: dimension)
    var counts = [Int32](repeating: 0, count: dimension)
    var mark = [Int32](repeating: -1, count: dimension)
    parent.withUnsafeMutableBufferPointer { parent in
      counts.withUnsafeMutableBufferPointer { counts in
        mark.withUnsafeMutableBufferPointer { mark in
          upperTriangle.columnStarts.withUnsafeBufferPointer { starts in
            upperTriangle.rowIndices.withUnsafeBufferPointer { rows in
              for k in 0..<dimension {
                let stamp = Int32(truncatingIfNeeded: k)
                mark[k] = stamp
                for entry in Int(starts[k])..<Int(starts[k + 1]) {
                  var j = Int(rows[entry])
                  guard j < k else { continue }
                  // Walk up the row subtree of row k until reaching a node already visited for this row.
                  while mark[j] != stamp {
                    if parent[j] == -1 { parent[j] = stamp }
                    counts[j] &+= 1
                    mark[j] = stamp
                    j = Int(parent[j])
                  }
                }
              }
            }
          }
        }
      }
    }
    var total = 0
    for count in counts { total += Int(count) }
    var starts: [Int32] = []
    if total <= Self.maximumFactorNonzeros {
      starts = [Int32](repeating: 0, count: dimension + 1)
      for column in 0..<dimension { starts[column + 1] = starts[column] + counts[column] }
    }
    self.parent = parent
    self.columnCounts = counts
    self.factorNonzeros = total
    self.columnStarts = starts
  }
}
