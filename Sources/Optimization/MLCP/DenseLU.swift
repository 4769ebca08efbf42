import SparseAlgebra

/// Dense LU factorisation with partial pivoting (solver.md §3.10 (c)): the Newton solver for non-monotone M
/// (`allowNonMonotone`) and `forceDenseLU`, and the per-iteration fallback when the sparse LDLᵀ (a) or the
/// static-pivot LU (b) fails its growth guard or refinement. O(N³) per factorisation; meant for N ≤ 1500. Owns its
/// storage; not `Sendable`.
final class DenseLU {
  let dimension: Int
  /// Row-major N × N, overwritten by L (unit lower, below the diagonal) and U.
  private var lu: [Double]
  private var pivotRow: [Int]

  init(dimension: Int) {
    self.dimension = dimension
    lu = [Double](repeating: 0, count: dimension * dimension)
    pivotRow = [Int](repeating: 0, count: dimension)
  }

  /// Factorises `matrix` + diag(`diagonal`). Returns false when a pivot column is exactly zero (singular).
  func factor(_ matrix: CSCMatrix, diagonal: [Double]?) -> Bool {
    let n = dimension
    lu.withUnsafeMutableBufferPointer { a in
      for k in 0..<a.count { a[k] = 0 }
      for column in 0..<n {
        for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1]) {
          a[Int(matrix.rowIndices[entry]) * n + column] += matrix.values[entry]
        }
      }
      if let diagonal { for i in 0..<n { a[i * n + i] += diagonal[i] } }
    }
    return lu.withUnsafeMutableBufferPointer { a in
      pivotRow.withUnsafeMutableBufferPointer { piv in
        for k in 0..<n {
          var best = k
          var bestValue = abs(a[k * n + k])
          for i in (k + 1)..<max(k + 1, n) where abs(a[i * n + k]) > bestValue {
            best = i
            bestValue = abs(a[i * n + k])
          }
          piv[k] = best
          if bestValue == 0 || !bestValue.isFinite { return false }
          if best != k {
            for j in 0..<n { a.swapAt(k * n + j, best * n + j) }
          }
          let inverse = 1 / a[k * n + k]
          for i in (k + 1)..<max(k + 1, n) {
            let multiplier = a[i * n + k] * inverse
            if multiplier == 0 { continue }
            a[i * n + k] = multiplier
            for j in (k + 1)..<n { a[i * n + j] -= multiplier * a[k * n + j] }
          }
        }
        return true
      }
    }
  }

  /// Solves in place with the last factorisation.
  func solve(_ rhs: inout [Double]) {
    let n = dimension
    lu.withUnsafeBufferPointer { a in
      pivotRow.withUnsafeBufferPointer { piv in
        rhs.withUnsafeMutableBufferPointer { b in
          for k in 0..<n where piv[k] != k { b.swapAt(k, piv[k]) }
          for i in 0..<n {
            var value = b[i]
            for j in 0..<i { value -= a[i * n + j] * b[j] }
            b[i] = value
          }
          var i = n - 1
          while i >= 0 {
            var value = b[i]
            for j in (i + 1)..<n { value -= a[i * n + j] * b[j] }
            b[i] = value / a[i * n + i]
            i -= 1
          }
        }
      }
    }
  }
}
