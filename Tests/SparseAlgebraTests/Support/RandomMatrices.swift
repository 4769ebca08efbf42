import SparseAlgebra

/// A sparse matrix together with its dense copy, for reference comparisons.
struct SparseAndDense {
  var sparse: CSCMatrix
  var dense: DenseReference.Matrix
}

enum RandomMatrices {
  /// A random rows × columns matrix with the given density, built from triplets appended in random order.
  static func sparse(rows: Int, columns: Int, density: Double, using rng: inout SeededGenerator) throws
    -> SparseAndDense
  {
    var triplets: [(Int, Int, Double)] = []
    var dense = DenseReference.zeros(rows, columns)
    for i in 0..<rows {
      for j in 0..<columns where rng.chance(density) {
        let value = rng.uniform(-4, 4)
        triplets.append((i, j, value))
        dense[i][j] = value
      }
    }
    triplets.shuffle(using: &rng)
    var builder = TripletBuilder(rowCount: rows, columnCount: columns)
    for (i, j, v) in triplets { builder.append(row: i, column: j, value: v) }
    return SparseAndDense(sparse: try builder.makeCSC(), dense: dense)
  }

  /// Upper triangle of a random symmetric n × n matrix; `dense` is the full symmetric matrix.
  static func symmetricUpper(
    dimension n: Int, density: Double, fullDiagonal: Bool, using rng: inout SeededGenerator
  ) throws -> SparseAndDense {
    var builder = TripletBuilder(rowCount: n, columnCount: n)
    var dense = DenseReference.zeros(n, n)
    for j in 0..<n {
      for i in 0...j where (i == j && fullDiagonal) || rng.chance(density) {
        let value = rng.uniform(-4, 4)
        builder.append(row: i, column: j, value: value)
        dense[i][j] = value
        dense[j][i] = value
      }
    }
    return SparseAndDense(sparse: try builder.makeCSC(), dense: dense)
  }

  /// A symmetric positive definite pattern-driven matrix: the given upper pattern (diagonal added) with random
  /// off-diagonal values and a dominant diagonal, so that any symmetric permutation factorises without pivoting.
  static func diagonallyDominantUpper(dimension n: Int, density: Double, using rng: inout SeededGenerator) throws
    -> SparseAndDense
  {
    var offDiagonal: [(Int, Int, Double)] = []
    var rowSums = [Double](repeating: 1, count: n)
    for j in 0..<n {
      for i in 0..<j where rng.chance(density) {
        let value = rng.uniform(-1, 1)
        offDiagonal.append((i, j, value))
        rowSums[i] += abs(value)
        rowSums[j] += abs(value)
      }
    }
    var builder = TripletBuilder(rowCount: n, columnCount: n)
    var dense = DenseReference.zeros(n, n)
    for (i, j, v) in offDiagonal {
      builder.append(row: i, column: j, value: v)
      dense[i][j] = v
      dense[j][i] = v
    }
    for i in 0..<n {
      builder.append(row: i, column: i, value: rowSums[i])
      dense[i][i] = rowSums[i]
    }
    return SparseAndDense(sparse: try builder.makeCSC(), dense: dense)
  }
}

/// The random quasi-definite matrix of test L6 (solver.md §7.2):
///
///     K = [[BᵀB + 0.1·I, Aᵀ], [A, −(diag(h) + 0.1·I)]]
///
/// with B (n × n) and A (m × n) sparse, about `perRow` entries per row, h ∈ [0, 1). The pattern depends only on
/// `patternSeed` and the values only on `valueSeed`, so two value sets on one pattern can be generated (L8, L10).
/// Row entries of A lie in a band around the matching x-block position, which keeps fill moderate at N = 1000.
struct QuasiDefiniteProblem {
  let n: Int
  let m: Int
  let patternSeed: UInt64
  let valueSeed: UInt64
  /// Upper triangle of K, explicit zeros kept (the pattern never depends on the values).
  let upper: CSCMatrix
  /// Full dense K.
  let dense: DenseReference.Matrix
  /// +1 on the x-block, −1 on the z-block.
  var expectedSigns: [Int8] { [Int8](repeating: 1, count: n) + [Int8](repeating: -1, count: m) }
  var dimension: Int { n + m }
  /// Input entry indices of the diagonal of K, in row order.
  var diagonalEntries: [Int32] {
    (0..<dimension).map { Int32(upper.entryIndex(row: $0, column: $0)!) }
  }

  init(dimension: Int, patternSeed: UInt64, valueSeed: UInt64, perRow: Int = 3) throws {
    let n = max(1, dimension * 3 / 5)
    let m = dimension - n
    self.n = n
    self.m = m
    self.patternSeed = patternSeed
    self.valueSeed = valueSeed
    var patternRNG = SeededGenerator(seed: patternSeed)
    var valueRNG = SeededGenerator(seed: valueSeed ^ 0xA5A5_A5A5_5A5A_5A5A)
    let bandwidth = max(4, n / 10)
    func bandedColumns(centre: Int) -> [Int] {
      var columns = Set<Int>()
      for _ in 0..<perRow {
        let offset = patternRNG.index(2 * bandwidth + 1) - bandwidth
        columns.insert(min(n - 1, max(0, centre + offset)))
      }
      return columns.sorted()
    }
    // B: n × n, row r touches columns near r.
    var bRows: [[(Int, Double)]] = []
    for r in 0..<n {
      bRows.append(bandedColumns(centre: r).map { ($0, valueRNG.uniform(-1, 1)) })
    }
    // A: m × n, row i touches columns near i·n/m.
    var aRows: [[(Int, Double)]] = []
    for i in 0..<m {
      aRows.append(bandedColumns(centre: m > 0 ? i * n / m : 0).map { ($0, valueRNG.uniform(-1, 1)) })
    }
    let h = (0..<m).map { _ in valueRNG.uniform(0, 1) }

    var builder = TripletBuilder(rowCount: n + m, columnCount: n + m)
    var dense = DenseReference.zeros(n + m, n + m)
    func add(_ i: Int, _ j: Int, _ v: Double) {
      builder.append(row: min(i, j), column: max(i, j), value: v)
      dense[i][j] += v
      if i != j { dense[j][i] += v }
    }
    for j in 0..<n { add(j, j, 0.1) }
    for row in bRows {  // BᵀB = Σ_r b_rᵀ b_r, upper part only
      for (p, (ci, vi)) in row.enumerated() {
        for (cj, vj) in row[p...] { add(ci, cj, vi * vj) }
      }
    }
    for (i, row) in aRows.enumerated() {
      for (column, value) in row { add(column, n + i, value) }
      add(n + i, n + i, -(h[i] + 0.1))
    }
    self.upper = try builder.makeCSC()
    self.dense = dense
  }
}
