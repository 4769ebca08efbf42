import Testing

@testable import SparseAlgebra

/// Sparse matrix operations, solver.md §7.1.
@Suite("CSC matrix operations (§7.1)")
struct CSCMatrixTests {
  // MARK: Triplets with duplicates

  @Test("Triplets with duplicates: the exact §7.1 example keeps a summed zero at (0,0)")
  func tripletDuplicatesExactExample() throws {
    var builder = TripletBuilder(rowCount: 3, columnCount: 2)
    builder.append(row: 0, column: 0, value: 1)
    builder.append(row: 0, column: 0, value: 2)
    builder.append(row: 2, column: 1, value: -1)
    builder.append(row: 0, column: 0, value: -3)
    let (matrix, map) = try builder.makeCSCWithMap()
    try matrix.validate()
    #expect(matrix.nonzeroCount == 2)
    #expect(matrix.columnStarts == [0, 1, 2])
    #expect(matrix.rowIndices == [0, 2])
    #expect(matrix.values == [0, -1])
    #expect(matrix.entryIndex(row: 0, column: 0) == 0, "the summed zero is a stored entry")
    #expect(matrix[2, 1] == -1)
    #expect(map == [0, 0, 1, 0])
    #expect(try builder.makeCSC() == matrix)
  }

  @Test("Random triplets with many duplicates sum to the dense accumulation")
  func tripletDuplicatesRandom() throws {
    for seed in SeededGenerator.seeds(20, base: 0x7101) {
      var rng = SeededGenerator(seed: seed)
      let rows = 1 + rng.index(8)
      let columns = 1 + rng.index(8)
      var builder = TripletBuilder(rowCount: rows, columnCount: columns)
      var dense = DenseReference.zeros(rows, columns)
      var stored = Set<[Int]>()
      for _ in 0..<(3 * rows * columns) {
        let i = rng.index(rows)
        let j = rng.index(columns)
        let v = Double(rng.index(9)) - 4  // small integers: every order of summation is exact
        builder.append(row: i, column: j, value: v)
        dense[i][j] += v
        stored.insert([i, j])
      }
      let matrix = try builder.makeCSC()
      #expect(throws: Never.self, "seed \(seed)") { try matrix.validate() }
      #expect(matrix.denseRows() == dense, "seed \(seed)")
      #expect(matrix.nonzeroCount == stored.count, "one entry per distinct position, seed \(seed)")
    }
  }

  // MARK: Unsorted input, empty columns, empty matrices

  @Test("Unsorted input with empty columns validates and equals the dense reference")
  func unsortedInputAndEmptyColumns() throws {
    for seed in SeededGenerator.seeds(20, base: 0x7102) {
      var rng = SeededGenerator(seed: seed)
      let rows = 1 + rng.index(12)
      let columns = 2 + rng.index(12)
      let emptyColumns = Set((0..<columns).filter { _ in rng.chance(0.4) })
      var triplets: [(Int, Int, Double)] = []
      var dense = DenseReference.zeros(rows, columns)
      for j in 0..<columns where !emptyColumns.contains(j) {
        for i in 0..<rows where rng.chance(0.5) {
          let v = rng.uniform(-2, 2)
          triplets.append((i, j, v))
          dense[i][j] = v
        }
      }
      triplets.reverse()  // strictly decreasing order: the worst case for a builder that assumes sorted input
      triplets.shuffle(using: &rng)
      var builder = TripletBuilder(rowCount: rows, columnCount: columns)
      for (i, j, v) in triplets { builder.append(row: i, column: j, value: v) }
      let matrix = try builder.makeCSC()
      #expect(throws: Never.self, "seed \(seed)") { try matrix.validate() }
      #expect(matrix.denseRows() == dense, "seed \(seed)")
      for j in emptyColumns {
        #expect(matrix.columnStarts[j] == matrix.columnStarts[j + 1], "column \(j) should be empty, seed \(seed)")
      }
    }
  }

  @Test("Empty matrices 0×0, 0×n and n×0", arguments: [(0, 0), (0, 4), (4, 0)])
  func emptyMatrices(rows: Int, columns: Int) throws {
    let built = try TripletBuilder(rowCount: rows, columnCount: columns).makeCSC()
    let raw = try CSCMatrix(
      rowCount: rows, columnCount: columns, columnStarts: [Int32](repeating: 0, count: columns + 1),
      rowIndices: [], values: [])
    let zero = CSCMatrix.zeros(rowCount: rows, columnCount: columns)
    for matrix in [built, raw, zero] {
      try matrix.validate()
      #expect(matrix.rowCount == rows && matrix.columnCount == columns)
      #expect(matrix.nonzeroCount == 0)
      #expect(matrix.columnStarts.count == columns + 1)
      #expect(matrix.denseRows() == DenseReference.zeros(rows, columns))
      let t = matrix.transposed()
      try t.validate()
      #expect(t.rowCount == columns && t.columnCount == rows)
      #expect(matrix.times([Double](repeating: 1, count: columns)) == [Double](repeating: 0, count: rows))
      #expect(matrix.transposeTimes([Double](repeating: 1, count: rows)) == [Double](repeating: 0, count: columns))
      #expect(matrix.columnInfNorms() == [Double](repeating: 0, count: columns))
      #expect(matrix.rowInfNorms() == [Double](repeating: 0, count: rows))
    }
    #expect(built == raw && raw == zero)
  }

  @Test("identity and zeros constructors")
  func identityAndZeros() throws {
    for n in [0, 1, 5] {
      let identity = CSCMatrix.identity(n, value: 2.5)
      try identity.validate()
      var expected = DenseReference.zeros(n, n)
      for i in 0..<n { expected[i][i] = 2.5 }
      #expect(identity.denseRows() == expected)
      #expect(identity.isUpperTriangular)
    }
    let zeros = CSCMatrix.zeros(rowCount: 3, columnCount: 2)
    try zeros.validate()
    #expect(zeros.denseRows() == DenseReference.zeros(3, 2))
  }

  // MARK: Explicit zeros

  @Test("Explicit zeros are kept by makeCSC and removed only by dropExplicitZeros")
  func explicitZeros() throws {
    var builder = TripletBuilder(rowCount: 3, columnCount: 3)
    builder.append(row: 0, column: 0, value: 0)
    builder.append(row: 1, column: 0, value: 4)
    builder.append(row: 2, column: 1, value: 0)
    builder.append(row: 0, column: 2, value: 5)
    builder.append(row: 2, column: 2, value: 0)
    var matrix = try builder.makeCSC()
    #expect(matrix.nonzeroCount == 5)
    #expect(matrix.entryIndex(row: 0, column: 0) != nil)
    #expect(matrix.entryIndex(row: 2, column: 1) != nil)
    #expect(matrix.entryIndex(row: 2, column: 2) != nil)
    // Operations that do not mean to change the pattern keep the zeros too.
    #expect(matrix.transposed().nonzeroCount == 5)
    var scaled = matrix
    scaled.scale(rows: [2, 3, 4], columns: [1, 1, 1])
    #expect(scaled.hasSamePattern(as: matrix))
    let before = matrix.denseRows()
    matrix.dropExplicitZeros()
    try matrix.validate()
    #expect(matrix.nonzeroCount == 2)
    #expect(matrix.columnStarts == [0, 1, 1, 2])
    #expect(matrix.rowIndices == [1, 0])
    #expect(matrix.values == [4, 5])
    #expect(matrix.denseRows() == before)
  }

  // MARK: Triplet → entry map

  @Test("Updating values through the triplet map equals rebuilding, bit for bit")
  func tripletMapUpdateEqualsRebuild() throws {
    for seed in SeededGenerator.seeds(20, base: 0x7104) {
      var rng = SeededGenerator(seed: seed)
      let rows = 1 + rng.index(15)
      let columns = 1 + rng.index(15)
      let count = rng.index(4 * rows * columns)
      let positions = (0..<count).map { _ in (rng.index(rows), rng.index(columns)) }
      var first = TripletBuilder(rowCount: rows, columnCount: columns)
      for (i, j) in positions { first.append(row: i, column: j, value: rng.uniform(-1, 1)) }
      let (matrix, map) = try first.makeCSCWithMap()
      #expect(map.count == count, "seed \(seed)")
      for k in 0..<count {
        let entry = Int(map[k])
        #expect(
          Int(matrix.rowIndices[entry]) == positions[k].0
            && entry >= Int(matrix.columnStarts[positions[k].1])
            && entry < Int(matrix.columnStarts[positions[k].1 + 1]),
          "triplet \(k) mapped to the wrong entry, seed \(seed)")
      }

      // New values on the same pattern, with awkward magnitudes so that the summation order matters.
      let newValues = (0..<count).map { _ in rng.uniform(-1, 1) * [1e-8, 1, 1e8][rng.index(3)] }
      var rebuilt = TripletBuilder(rowCount: rows, columnCount: columns)
      for (k, (i, j)) in positions.enumerated() { rebuilt.append(row: i, column: j, value: newValues[k]) }
      let expected = try rebuilt.makeCSC()

      var updated = matrix
      var written = [Bool](repeating: false, count: matrix.nonzeroCount)
      for k in 0..<count {  // scatter-add in triplet order, first write assigns
        let entry = Int(map[k])
        if written[entry] {
          updated.values[entry] += newValues[k]
        } else {
          updated.values[entry] = newValues[k]
          written[entry] = true
        }
      }
      #expect(updated.hasSamePattern(as: expected), "seed \(seed)")
      #expect(
        updated.values.map(\.bitPattern) == expected.values.map(\.bitPattern), "values differ in bits, seed \(seed)")
    }
  }

  // MARK: Transpose

  @Test("transpose(transpose(A)) == A and the transpose matches the dense transpose")
  func transposeTwice() throws {
    for seed in SeededGenerator.seeds(30, base: 0x7105) {
      var rng = SeededGenerator(seed: seed)
      let rows = rng.index(20)
      let columns = rng.index(20)
      let a = try RandomMatrices.sparse(rows: rows, columns: columns, density: rng.uniform(0, 1), using: &rng)
      let (t, map) = a.sparse.transposedWithMap()
      #expect(throws: Never.self, "seed \(seed)") { try t.validate() }
      #expect(t.denseRows() == DenseReference.transpose(a.dense, rows: rows, columns: columns), "seed \(seed)")
      #expect(t.transposed() == a.sparse, "seed \(seed)")
      for column in 0..<columns {
        for entry in Int(a.sparse.columnStarts[column])..<Int(a.sparse.columnStarts[column + 1]) {
          let target = Int(map[entry])
          #expect(
            t.values[target] == a.sparse.values[entry] && Int(t.rowIndices[target]) == column,
            "transpose map wrong at entry \(entry), seed \(seed)")
        }
      }
    }
  }

  // MARK: multiply / multiplyTransposed

  static let scalars: [Double] = [0, 1, -2.5]

  @Test("multiply and multiplyTransposed equal dense products over 200 random shapes, α, β ∈ {0, 1, −2.5}")
  func multiplyAgainstDense() throws {
    for seed in SeededGenerator.seeds(200, base: 0x7106) {
      var rng = SeededGenerator(seed: seed)
      let rows = rng.index(30)
      let columns = rng.index(30)
      let density = [0.0, 0.05, 0.3, 1.0, rng.uniform(0, 1)][rng.index(5)]
      let a = try RandomMatrices.sparse(rows: rows, columns: columns, density: density, using: &rng)
      let aT = DenseReference.transpose(a.dense, rows: rows, columns: columns)
      let x = rng.vector(columns)
      let xT = rng.vector(rows)
      let y0 = rng.vector(rows)
      let y0T = rng.vector(columns)
      for alpha in Self.scalars {
        for beta in Self.scalars {
          var y = y0
          a.sparse.multiply(x, into: &y, alpha: alpha, beta: beta)
          expectProduct(
            y, reference: DenseReference.multiply(a.dense, x), magnitude: DenseReference.absMultiply(a.dense, x),
            y0: y0, alpha: alpha, beta: beta, "multiply \(rows)×\(columns), α=\(alpha), β=\(beta), seed \(seed)")
          var yT = y0T
          a.sparse.multiplyTransposed(xT, into: &yT, alpha: alpha, beta: beta)
          expectProduct(
            yT, reference: DenseReference.multiply(aT, xT), magnitude: DenseReference.absMultiply(aT, xT),
            y0: y0T, alpha: alpha, beta: beta,
            "multiplyTransposed \(rows)×\(columns), α=\(alpha), β=\(beta), seed \(seed)")
        }
      }
      expectProduct(
        a.sparse.times(x), reference: DenseReference.multiply(a.dense, x),
        magnitude: DenseReference.absMultiply(a.dense, x), y0: y0, alpha: 1, beta: 0, "times, seed \(seed)")
      expectProduct(
        a.sparse.transposeTimes(xT), reference: DenseReference.multiply(aT, xT),
        magnitude: DenseReference.absMultiply(aT, xT), y0: y0T, alpha: 1, beta: 0, "transposeTimes, seed \(seed)")
    }
  }

  /// ‖y − (α·ref + β·y0)‖∞ ≤ tol·‖|α|·magnitude + |β|·|y0|‖∞ (normwise relative error of a product).
  private func expectProduct(
    _ y: [Double], reference: [Double], magnitude: [Double], y0: [Double], alpha: Double, beta: Double,
    tolerance: Double = SparseTolerance.product, _ context: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(y.count == reference.count, "\(context)", sourceLocation: sourceLocation)
    guard y.count == reference.count else { return }
    var error = 0.0
    var scale = 0.0
    for i in 0..<y.count {
      let expected = alpha * reference[i] + beta * y0[i]
      error = max(error, abs(y[i] - expected))
      scale = max(scale, abs(alpha) * magnitude[i] + abs(beta) * abs(y0[i]))
    }
    #expect(error <= tolerance * scale, "error \(error) vs scale \(scale): \(context)", sourceLocation: sourceLocation)
  }

  // MARK: symmetricMultiply / quadraticForm

  @Test("symmetricMultiply and quadraticForm equal products with the dense full symmetric matrix")
  func symmetricProducts() throws {
    for seed in SeededGenerator.seeds(60, base: 0x7107) {
      var rng = SeededGenerator(seed: seed)
      let n = rng.index(25)
      let s = try RandomMatrices.symmetricUpper(
        dimension: n, density: rng.uniform(0, 0.6), fullDiagonal: rng.chance(0.5), using: &rng)
      #expect(s.sparse.isUpperTriangular, "seed \(seed)")
      let x = rng.vector(n)
      let y0 = rng.vector(n)
      let reference = DenseReference.multiply(s.dense, x)
      let magnitude = DenseReference.absMultiply(s.dense, x)
      for alpha in Self.scalars {
        for beta in Self.scalars {
          var y = y0
          s.sparse.symmetricMultiply(x, into: &y, alpha: alpha, beta: beta)
          expectProduct(
            y, reference: reference, magnitude: magnitude, y0: y0, alpha: alpha, beta: beta,
            tolerance: SparseTolerance.symmetricProduct, "symmetricMultiply n=\(n), α=\(alpha), β=\(beta), seed \(seed)")
        }
      }
      let form = s.sparse.quadraticForm(x)
      let formReference = zip(x, reference).reduce(0) { $0 + $1.0 * $1.1 }
      let formMagnitude = zip(x, magnitude).reduce(0) { $0 + abs($1.0) * $1.1 }
      #expect(
        abs(form - formReference) <= SparseTolerance.symmetricProduct * formMagnitude,
        "quadraticForm \(form) vs \(formReference), seed \(seed)")
    }
  }

  // MARK: permuteSymmetricUpper

  @Test("permuteSymmetricUpper: hand example where an entry crosses the diagonal")
  func permuteSymmetricUpperExample() throws {
    // S = [[1, 2, 0], [2, 3, 4], [0, 4, 5]], perm (new → old) = [2, 0, 1].
    let s = try CSCMatrix(
      rowCount: 3, columnCount: 3, columnStarts: [0, 1, 3, 5], rowIndices: [0, 0, 1, 1, 2], values: [1, 2, 3, 4, 5])
    let (c, map) = s.permuteSymmetricUpper([2, 0, 1])
    try c.validate()
    // C = P·S·Pᵀ = [[5, 0, 4], [0, 1, 2], [4, 2, 3]]; S(1,2) = 4 lands at new (2,0) and moves up to (0,2).
    #expect(c.columnStarts == [0, 1, 2, 5])
    #expect(c.rowIndices == [0, 1, 0, 1, 2])
    #expect(c.values == [5, 1, 4, 2, 3])
    #expect(map == [1, 3, 4, 2, 0])
  }

  @Test("permuteSymmetricUpper equals dense P·S·Pᵀ, stays upper, and its map is a correct bijection")
  func permuteSymmetricUpperRandom() throws {
    for seed in SeededGenerator.seeds(40, base: 0x7108) {
      var rng = SeededGenerator(seed: seed)
      let n = rng.index(30)
      let s = try RandomMatrices.symmetricUpper(
        dimension: n, density: rng.uniform(0, 0.5), fullDiagonal: rng.chance(0.5), using: &rng)
      let perm = rng.permutation(n)
      var inverse = [Int](repeating: 0, count: n)
      for (new, old) in perm.enumerated() { inverse[Int(old)] = new }
      let (c, map) = s.sparse.permuteSymmetricUpper(perm)
      #expect(throws: Never.self, "seed \(seed)") { try c.validate() }
      #expect(c.isUpperTriangular, "seed \(seed)")
      #expect(c.nonzeroCount == s.sparse.nonzeroCount, "seed \(seed)")
      #expect(
        DenseReference.symmetricFromUpper(c) == DenseReference.permuteSymmetric(s.dense, perm), "seed \(seed)")
      #expect(Set(map).count == map.count, "map is not injective, seed \(seed)")
      for column in 0..<n {
        for entry in Int(s.sparse.columnStarts[column])..<Int(s.sparse.columnStarts[column + 1]) {
          let row = Int(s.sparse.rowIndices[entry])
          let newRow = min(inverse[row], inverse[column])
          let newColumn = max(inverse[row], inverse[column])
          #expect(
            c.entryIndex(row: newRow, column: newColumn) == Int(map[entry])
              && c.values[Int(map[entry])] == s.sparse.values[entry],
            "map wrong for S(\(row), \(column)), seed \(seed)")
        }
      }
    }
  }

  // MARK: Validation

  @Test("validate accepts a well-formed matrix")
  func validateAcceptsValid() throws {
    let matrix = try CSCMatrix(
      rowCount: 3, columnCount: 3, columnStarts: [0, 2, 2, 3], rowIndices: [0, 2, 1], values: [1, 0, 3])
    try matrix.validate()
    #expect(matrix.denseRows() == [[1, 0, 0], [0, 0, 3], [0, 0, 0]])
  }

  /// Raw CSC arrays that violate one invariant each, with the reason.
  static let invalidStructures: [(String, Int, Int, [Int32], [Int32])] = [
    ("unsorted rows", 3, 2, [0, 2, 3], [2, 0, 1]),
    ("duplicate row", 3, 2, [0, 2, 3], [1, 1, 0]),
    ("row index ≥ rowCount", 3, 2, [0, 1, 2], [0, 3]),
    ("negative row index", 3, 2, [0, 1, 2], [-1, 0]),
    ("decreasing column starts", 3, 3, [0, 2, 1, 3], [0, 1, 2]),
    ("column start beyond nnz, then decreasing", 5, 2, [0, 4, 2], [0, 1]),
    ("negative column start", 3, 2, [0, -1, 1], [0]),
    ("first column start not 0", 3, 2, [1, 1, 2], [0, 1]),
    ("last column start ≠ nnz", 3, 2, [0, 1, 1], [0, 1]),
    ("too few column starts", 3, 2, [0, 2], [0, 1]),
  ]

  @Test("validate rejects bad structures", arguments: 0..<invalidStructures.count)
  func validateRejects(caseIndex: Int) {
    let (reason, rows, columns, starts, rowIndices) = Self.invalidStructures[caseIndex]
    let values = [Double](repeating: 1, count: rowIndices.count)
    #expect(throws: SparseError.self, "\(reason)") {
      _ = try CSCMatrix(
        rowCount: rows, columnCount: columns, columnStarts: starts, rowIndices: rowIndices, values: values)
    }
    // validate() on a matrix whose arrays were corrupted after construction must reject it too.
    var matrix = CSCMatrix.zeros(rowCount: rows, columnCount: columns)
    matrix.columnStarts = starts
    matrix.rowIndices = rowIndices
    matrix.values = values
    #expect(throws: SparseError.self, "\(reason), via validate()") { try matrix.validate() }
  }

  @Test("validate rejects values and row indices of different lengths")
  func validateRejectsValueCountMismatch() {
    #expect(throws: SparseError.self) {
      _ = try CSCMatrix(rowCount: 2, columnCount: 1, columnStarts: [0, 2], rowIndices: [0, 1], values: [1])
    }
  }

  @Test("TripletBuilder reports out-of-range triplets and negative dimensions")
  func tripletBuilderRejectsOutOfRange() {
    for (i, j) in [(3, 0), (0, 2), (-1, 0), (0, -1)] {
      var builder = TripletBuilder(rowCount: 3, columnCount: 2)
      builder.append(row: 0, column: 0, value: 1)
      builder.append(row: i, column: j, value: 1)
      #expect(throws: SparseError.indexOutOfRange(row: i, column: j, rowCount: 3, columnCount: 2)) {
        _ = try builder.makeCSC()
      }
    }
    #expect(throws: SparseError.self) { _ = try TripletBuilder(rowCount: -1, columnCount: 2).makeCSC() }
  }

  // MARK: Norms and scaling

  @Test("column/row ∞-norms and diag(e)·A·diag(d) equal the dense results")
  func normsAndScaling() throws {
    for seed in SeededGenerator.seeds(40, base: 0x7109) {
      var rng = SeededGenerator(seed: seed)
      let rows = rng.index(20)
      let columns = rng.index(20)
      let a = try RandomMatrices.sparse(rows: rows, columns: columns, density: rng.uniform(0, 0.7), using: &rng)
      let columnNorms = (0..<columns).map { j in (0..<rows).reduce(0.0) { max($0, abs(a.dense[$1][j])) } }
      let rowNorms = a.dense.map { $0.reduce(0.0) { max($0, abs($1)) } }
      #expect(a.sparse.columnInfNorms() == columnNorms, "seed \(seed)")
      #expect(a.sparse.rowInfNorms() == rowNorms, "seed \(seed)")

      let e = (0..<rows).map { _ in rng.uniform(0.01, 100) }
      let d = (0..<columns).map { _ in rng.uniform(0.01, 100) }
      var scaled = a.sparse
      scaled.scale(rows: e, columns: d)
      #expect(scaled.hasSamePattern(as: a.sparse), "scaling must not change the pattern, seed \(seed)")
      let result = scaled.denseRows()
      var worst = 0.0
      for i in 0..<rows {
        for j in 0..<columns {
          let expected = e[i] * a.dense[i][j] * d[j]
          worst = max(worst, abs(result[i][j] - expected) / max(abs(expected), .leastNormalMagnitude))
        }
      }
      #expect(worst <= SparseTolerance.scaling, "relative error \(worst), seed \(seed)")
    }
  }

  // MARK: Smaller pieces used by the solver

  @Test("subscript, entryIndex and isUpperTriangular")
  func accessors() throws {
    let matrix = try CSCMatrix(
      rowCount: 3, columnCount: 3, columnStarts: [0, 1, 3, 4], rowIndices: [0, 0, 2, 1], values: [1, 2, 3, 4])
    #expect(matrix[0, 0] == 1 && matrix[0, 1] == 2 && matrix[2, 1] == 3 && matrix[1, 2] == 4)
    #expect(matrix[1, 0] == 0 && matrix[2, 2] == 0)
    #expect(matrix.entryIndex(row: 2, column: 1) == 2)
    #expect(matrix.entryIndex(row: 1, column: 1) == nil)
    #expect(!matrix.isUpperTriangular)
    #expect(try CSCMatrix(rowCount: 2, columnCount: 2, columnStarts: [0, 1, 3], rowIndices: [0, 0, 1], values: [1, 2, 3])
      .isUpperTriangular)
  }

  @Test("Pattern fingerprint depends on the pattern only and is stable across runs")
  func patternFingerprint() throws {
    let a = try CSCMatrix(
      rowCount: 3, columnCount: 2, columnStarts: [0, 2, 3], rowIndices: [0, 2, 1], values: [1, 2, 3])
    var b = a
    b.values = [7, 0, -1]
    let c = try CSCMatrix(
      rowCount: 3, columnCount: 2, columnStarts: [0, 1, 3], rowIndices: [0, 1, 2], values: [1, 2, 3])
    #expect(a.patternFingerprint == b.patternFingerprint && a.hasSamePattern(as: b))
    #expect(a.patternFingerprint != c.patternFingerprint && !a.hasSamePattern(as: c))
    // FNV-1a-64 of nothing is the offset basis; a process-seeded hash could not reproduce this constant.
    #expect(PatternFingerprint().value == 0xcbf2_9ce4_8422_2325)
    var one = PatternFingerprint()
    one.combine(UInt32(1))
    #expect(one.value == Self.fnv1a64([1, 0, 0, 0]))
    #expect(a.patternFingerprint == Self.fnv1a64(bytesOf: [3, 2, 0, 2, 3, 0, 2, 1]))
  }

  private static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }

  private static func fnv1a64(bytesOf words: [UInt32]) -> UInt64 {
    fnv1a64(words.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } })
  }

  @Test("Vector kernels: dot, axpy, ∞-norm, 2-norm")
  func vectorKernels() {
    let x = [1.0, -2, 3]
    var y = [4.0, 5, -6]
    #expect(Vector.dot(x, y) == 4 - 10 - 18)
    Vector.axpy(-2, x, &y)
    #expect(y == [2, 9, -12])
    #expect(Vector.infNorm(x) == 3)
    #expect(Vector.infNorm([]) == 0)
    #expect(Vector.infNorm(y[1...]) == 12)
    #expect(Vector.twoNorm([3, 4]) == 5)
  }
}
