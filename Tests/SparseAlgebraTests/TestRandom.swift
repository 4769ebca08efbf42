import SparseAlgebra


/// Which triangle(s) a generated symmetric pattern stores.
enum StoredTriangle: CaseIterable {
  case upper, lower, both
}

/// A random symmetric pattern of order `dimension`: each off-diagonal pair is present with probability `density`,
/// the diagonal with probability `diagonalDensity`; stored as the requested triangle(s).
func randomSymmetricPattern(
  dimension: Int, density: Double, diagonalDensity: Double = 0.5, stored: StoredTriangle,
  using rng: inout SplitMix64
) throws -> CSCMatrix {
  var builder = TripletBuilder(rowCount: dimension, columnCount: dimension)
  for column in 0..<dimension {
    if Double.random(in: 0..<1, using: &rng) < diagonalDensity {
      builder.append(row: column, column: column, value: 1)
    }
    for row in 0..<column where Double.random(in: 0..<1, using: &rng) < density {
      switch stored {
      case .upper: builder.append(row: row, column: column, value: 1)
      case .lower: builder.append(row: column, column: row, value: 1)
      case .both:
        builder.append(row: row, column: column, value: 1)
        builder.append(row: column, column: row, value: 1)
      }
    }
  }
  return try builder.makeCSC()
}

/// Upper triangle (diagonal included) of the k×k 5-point grid Laplacian, nodes numbered row by row.
func gridLaplacianUpper(_ k: Int) throws -> CSCMatrix {
  var builder = TripletBuilder(rowCount: k * k, columnCount: k * k)
  for r in 0..<k {
    for c in 0..<k {
      let node = r * k + c
      builder.append(row: node, column: node, value: 4)
      if c + 1 < k { builder.append(row: node, column: node + 1, value: -1) }
      if r + 1 < k { builder.append(row: node, column: node + k, value: -1) }
    }
  }
  return try builder.makeCSC()
}

/// Upper triangle of the symmetrised pattern (A + Aᵀ, diagonal included), whatever triangle `pattern` stores.
func symmetricUpper(_ pattern: CSCMatrix) throws -> CSCMatrix {
  var builder = TripletBuilder(rowCount: pattern.rowCount, columnCount: pattern.columnCount)
  for column in 0..<pattern.columnCount {
    builder.append(row: column, column: column, value: 1)
    for entry in Int(pattern.columnStarts[column])..<Int(pattern.columnStarts[column + 1]) {
      let row = Int(pattern.rowIndices[entry])
      builder.append(row: min(row, column), column: max(row, column), value: 1)
    }
  }
  return try builder.makeCSC()
}

/// nnz(L) strictly below the diagonal when the symmetric `upper` is factored in the order `permutation`.
func factorNonzeros(_ upper: CSCMatrix, permutation: [Int32]) -> Int {
  EliminationTree(upperTriangle: upper.permuteSymmetricUpper(permutation).0).factorNonzeros
}

/// True when `permutation` is a bijection of 0..<dimension.
func isPermutation(_ permutation: [Int32], dimension: Int) -> Bool {
  guard permutation.count == dimension else { return false }
  var seen = [Bool](repeating: false, count: dimension)
  for value in permutation {
    let index = Int(value)
    guard index >= 0, index < dimension, !seen[index] else { return false }
    seen[index] = true
  }
  return true
}
