/// Approximate minimum degree (AMD) fill-reducing ordering (solver.md §3.3).
///
/// The method follows Amestoy, Davis and Duff (1996): a quotient graph of variables and elements, supervariables
/// found by hashing, mass elimination, element absorption (optionally aggressive), the approximate external degree
/// bound, garbage collection of one `Int32` workspace, and a postorder of the assembly tree. The implementation is
/// written from that description; ties are broken deterministically, so the same pattern always gives the same
/// permutation.
public enum ApproximateMinimumDegree {
  /// A fill-reducing symmetric permutation of `pattern`, as `permutation[new] = old`.
  ///
  /// - Parameters:
  ///   - pattern: a square matrix whose pattern may hold the upper triangle, the lower triangle or both; the
  ///     diagonal and the values are ignored. The ordering works on the pattern of A + Aᵀ without its diagonal.
  ///   - settings: dense-row threshold and aggressive absorption.
  /// - Returns: empty rows first (increasing index), then the AMD order of the remaining graph, then dense rows
  ///   (increasing index).
  public static func ordering(of pattern: CSCMatrix, settings: AMDSettings = AMDSettings()) -> [Int32] {
    precondition(pattern.rowCount == pattern.columnCount, "ApproximateMinimumDegree: matrix must be square")
    let dimension = pattern.columnCount
    if dimension == 0 { return [] }
    let graph = SymmetricGraph(pattern)

    // Step 1: classify empty and dense rows.
    var denseLimit = Int.max
    if settings.denseFactor >= 0 {
      let scaled = settings.denseFactor * Double(dimension).squareRoot()
      denseLimit = scaled >= Double(Int32.max) ? Int.max : max(16, Int(scaled))
    }
    var kind = [Int8](repeating: AMDQuotientGraph.variable, count: dimension)
    var emptyRows: [Int32] = []
    var denseRows: [Int32] = []
    for node in 0..<dimension {
      let degree = graph.degree(node)
      if degree == 0 {
        kind[node] = AMDQuotientGraph.excluded
        emptyRows.append(Int32(truncatingIfNeeded: node))
      } else if degree > denseLimit {
        kind[node] = AMDQuotientGraph.excluded
        denseRows.append(Int32(truncatingIfNeeded: node))
      }
    }

    var permutation: [Int32] = []
    permutation.reserveCapacity(dimension)
    permutation.append(contentsOf: emptyRows)
    let graphNodes = dimension - emptyRows.count - denseRows.count
    if graphNodes > 0 {
      let quotientGraph = AMDQuotientGraph(graph: graph, kind: kind, nodeCount: graphNodes)
      quotientGraph.eliminate(aggressiveAbsorption: settings.aggressiveAbsorption)
      quotientGraph.appendPostorder(to: &permutation)
    }
    permutation.append(contentsOf: denseRows)
    return permutation
  }
}

/// The pattern of A + Aᵀ without the diagonal, as sorted-free, duplicate-free adjacency lists.
struct SymmetricGraph {
  let dimension: Int
  /// `dimension + 1` offsets into `adjacency`.
  var starts: [Int]
  var adjacency: [Int32]

  init(_ pattern: CSCMatrix) {
    let dimension = pattern.columnCount
    self.dimension = dimension
    var starts = [Int](repeating: 0, count: dimension + 1)
    var adjacency: [Int32] = []
    pattern.columnStarts.withUnsafeBufferPointer { columnStarts in
      pattern.rowIndices.withUnsafeBufferPointer { rows in
        starts.withUnsafeMutableBufferPointer { starts in
          // Count both directions of every off-diagonal entry.
          for column in 0..<dimension {
            for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
              let row = Int(rows[entry])
              if row != column {
                starts[row + 1] += 1
                starts[column + 1] += 1
              }
            }
          }
          for node in 0..<dimension { starts[node + 1] += starts[node] }
          adjacency = [Int32](repeating: 0, count: starts[dimension])
          var cursor = [Int](starts)
          adjacency.withUnsafeMutableBufferPointer { adjacency in
            cursor.withUnsafeMutableBufferPointer { cursor in
              for column in 0..<dimension {
                for entry in Int(columnStarts[column])..<Int(columnStarts[column + 1]) {
                  let row = Int(rows[entry])
                  if row != column {
                    adjacency[cursor[row]] = Int32(truncatingIfNeeded: column)
                    cursor[row] += 1
                    adjacency[cursor[column]] = Int32(truncatingIfNeeded: row)
                    cursor[column] += 1
                  }
                }
              }
              // Remove duplicates (an entry stored in both triangles) in place, keeping first occurrences.
              for node in 0..<dimension { cursor[node] = -1 }
              var write = 0
              var start = 0
              for node in 0..<dimension {
                let end = starts[node + 1]
                for slot in start..<end {
                  let neighbour = Int(adjacency[slot])
                  if cursor[neighbour] != node {
                    cursor[neighbour] = node
                    adjacency[write] = Int32(truncatingIfNeeded: neighbour)
                    write += 1
                  }
                }
                start = end
                starts[node + 1] = write
              }
            }
          }
          adjacency.removeLast(adjacency.count - starts[dimension])
        }
      }
    }
    self.starts = starts
    self.adjacency = adjacency
  }

  func degree(_ node: Int) -> Int { starts[node + 1] - starts[node] }
}
