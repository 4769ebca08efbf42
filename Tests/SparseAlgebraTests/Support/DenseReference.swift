import SparseAlgebra

/// Dense reference algorithms for the sparse tests (solver.md §7.2): LU with partial pivoting to solve, LDLᵀ without
/// pivoting for the factors, plus small dense helpers. Written for clarity; the LU uses flat buffers so that the
/// N = 1000 case stays fast in debug builds.
enum DenseReference {
  typealias Matrix = [[Double]]

  static func zeros(_ rows: Int, _ columns: Int) -> Matrix {
    Matrix(repeating: [Double](repeating: 0, count: columns), count: rows)
  }

  static func transpose(_ a: Matrix, rows: Int, columns: Int) -> Matrix {
    var t = zeros(columns, rows)
    for i in 0..<rows { for j in 0..<columns { t[j][i] = a[i][j] } }
    return t
  }

  /// Full symmetric matrix from a CSC upper triangle (entries below the diagonal must not be stored).
  static func symmetricFromUpper(_ upper: CSCMatrix) -> Matrix {
    var dense = zeros(upper.rowCount, upper.columnCount)
    for column in 0..<upper.columnCount {
      for entry in Int(upper.columnStarts[column])..<Int(upper.columnStarts[column + 1]) {
        let row = Int(upper.rowIndices[entry])
        dense[row][column] = upper.values[entry]
        dense[column][row] = upper.values[entry]
      }
    }
    return dense
  }

  /// Boolean structure of a CSC matrix.
  static func pattern(_ a: CSCMatrix) -> [[Bool]] {
    var p = [[Bool]](repeating: [Bool](repeating: false, count: a.columnCount), count: a.rowCount)
    for column in 0..<a.columnCount {
      for entry in Int(a.columnStarts[column])..<Int(a.columnStarts[column + 1]) {
        p[Int(a.rowIndices[entry])][column] = true
      }
    }
    return p
  }

  /// (P·S·Pᵀ)[i][j] = S[perm[i]][perm[j]] for `perm[new] = old`.
  static func permuteSymmetric(_ s: Matrix, _ perm: [Int32]) -> Matrix {
    let n = perm.count
    var c = zeros(n, n)
    for i in 0..<n { for j in 0..<n { c[i][j] = s[Int(perm[i])][Int(perm[j])] } }
    return c
  }

  static func multiply(_ a: Matrix, _ x: [Double]) -> [Double] {
    a.map { row in
      var sum = 0.0
      for j in 0..<row.count { sum += row[j] * x[j] }
      return sum
    }
  }

  /// |A|·|x|, the magnitude against which a product's rounding error is measured.
  static func absMultiply(_ a: Matrix, _ x: [Double]) -> [Double] {
    a.map { row in
      var sum = 0.0
      for j in 0..<row.count { sum += abs(row[j]) * abs(x[j]) }
      return sum
    }
  }

  /// Solves A·x = b by Gaussian elimination with partial pivoting (row-major flat storage).
  static func solveLU(_ a: Matrix, _ b: [Double]) -> [Double] {
    let n = b.count
    var flat = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { flat[i * n + j] = a[i][j] } }
    var x = b
    flat.withUnsafeMutableBufferPointer { m in
      x.withUnsafeMutableBufferPointer { v in
        for k in 0..<n {
          var pivotRow = k
          var pivotMagnitude = abs(m[k * n + k])
          for i in (k + 1)..<max(n, k + 1) where abs(m[i * n + k]) > pivotMagnitude {
            pivotRow = i
            pivotMagnitude = abs(m[i * n + k])
          }
          precondition(pivotMagnitude > 0, "DenseReference.solveLU: singular matrix")
          if pivotRow != k {
            for j in 0..<n { m.swapAt(k * n + j, pivotRow * n + j) }
            v.swapAt(k, pivotRow)
          }
          let pivot = m[k * n + k]
          for i in (k + 1)..<max(n, k + 1) {
            let factor = m[i * n + k] / pivot
            if factor == 0 { continue }
            m[i * n + k] = 0
            var j = k + 1
            while j < n {
              m[i * n + j] -= factor * m[k * n + j]
              j += 1
            }
            v[i] -= factor * v[k]
          }
        }
        var i = n - 1
        while i >= 0 {
          var sum = v[i]
          for j in (i + 1)..<max(n, i + 1) { sum -= m[i * n + j] * v[j] }
          v[i] = sum / m[i * n + i]
          i -= 1
        }
      }
    }
    return x
  }

  /// A = L·D·Lᵀ without pivoting: unit lower L (dense, diagonal stored as 1) and D.
  static func ldl(_ a: Matrix) -> (l: Matrix, d: [Double]) {
    let n = a.count
    var l = zeros(n, n)
    var d = [Double](repeating: 0, count: n)
    for j in 0..<n {
      var dj = a[j][j]
      for k in 0..<j { dj -= l[j][k] * l[j][k] * d[k] }
      d[j] = dj
      l[j][j] = 1
      for i in (j + 1)..<max(n, j + 1) {
        var lij = a[i][j]
        for k in 0..<j { lij -= l[i][k] * l[j][k] * d[k] }
        l[i][j] = lij / dj
      }
    }
    return (l, d)
  }

  /// Structural fill of Cholesky/LDLᵀ by dense boolean elimination in the given order: the returned matrix marks
  /// the entries strictly below the diagonal of L. `pattern` is the full symmetric structure.
  static func symbolicFill(_ pattern: [[Bool]]) -> [[Bool]] {
    let n = pattern.count
    var f = pattern
    for k in 0..<n {
      let below = ((k + 1)..<max(n, k + 1)).filter { f[$0][k] }
      for i in below { for j in below { f[i][j] = true } }
    }
    var lower = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
    for i in 0..<n { for j in 0..<i { lower[i][j] = f[i][j] } }
    return lower
  }

  static func infNorm(_ x: [Double]) -> Double { x.reduce(0) { max($0, abs($1)) } }

  static func infNormDifference(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count)
    var norm = 0.0
    for i in 0..<x.count { norm = max(norm, abs(x[i] - y[i])) }
    return norm
  }
}
