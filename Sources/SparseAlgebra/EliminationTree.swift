/// Elimination tree and column counts of the Cholesky/LDLᵀ factor of a symmetric matrix (solver.md §3.4).
///
/// Input is the upper triangle (row ≤ column) of the already permuted matrix C. One pass over C costs O(nnz(L)).
public struct EliminationTree: Sendable, Equatable {
  /// parent[j] = min{ i > j : L[i, j] ≠ 0 }, or −1 for a root.
  public let parent: [Int32]
  /// Number of entries strictly below the diagonal in each column of L.
  public let columnCounts: [Int32]

  public init(upperTriangle: CSCMatrix) {
    let dimension = upperTriangle.columnCount
    var parent = [Int32](repeating: -1, count: dimension)
    var counts = [Int32](repeating: 0, count: dimension)
    var mark = [Int](repeating: -1, count: dimension)
    let starts = upperTriangle.columnStarts
    let rows = upperTriangle.rowIndices
    for k in 0..<dimension {
      mark[k] = k
      for entry in Int(starts[k])..<Int(starts[k + 1]) {
        var node = Int(rows[entry])
        guard node < k else { continue }
        while mark[node] != k {
          if parent[node] == -1 { parent[node] = Int32(k) }
          counts[node] += 1
          mark[node] = k
          node = Int(parent[node])
        }
      }
    }
    self.parent = parent
    self.columnCounts = counts
  }

  /// Total entries strictly below the diagonal of L.
  public var factorNonzeros: Int { columnCounts.reduce(0) { $0 + Int($1) } }

  /// Prefix sums of `columnCounts` (count + 1 entries).
  public var columnStarts: [Int32] {
    var starts = [Int32](repeating: 0, count: columnCounts.count + 1)
    for (column, count) in columnCounts.enumerated() { starts[column + 1] = starts[column] + count }
    return starts
  }
}
