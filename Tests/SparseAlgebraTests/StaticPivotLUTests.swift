import Testing

@testable import SparseAlgebra

/// Static-pivot sparse LU on the symmetric pattern (solver.md §3.10 (b)).
@Suite("Static-pivot LU (§3.10 (b))")
struct StaticPivotLUTests {
  /// A random sparse A = S + K with S symmetric, strictly diagonally dominant (so S ≻ 0, the symmetric part of A)
  /// and K arbitrary nonsymmetric: pairs (i, j) get independent values, and some only one side (a structurally
  /// nonsymmetric pattern).
  static func randomPositiveRealPart(dimension n: Int, density: Double, diagonalMargin: Double = 0.1,
                                     using rng: inout SeededGenerator) throws -> (CSCMatrix, [[Double]]) {
    var dense = DenseReference.zeros(n, n)
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) where rng.chance(density) {
        switch rng.index(3) {
        case 0: dense[i][j] = rng.uniform(-3, 3)
        case 1: dense[j][i] = rng.uniform(-3, 3)
        default:
          dense[i][j] = rng.uniform(-3, 3)
          dense[j][i] = rng.uniform(-3, 3)
        }
      }
    }
    for i in 0..<n {
      var offDiagonal = 0.0
      for j in 0..<n where j != i { offDiagonal += abs(0.5 * (dense[i][j] + dense[j][i])) }
      dense[i][i] = offDiagonal + diagonalMargin * rng.uniform(1, 2)
    }
    return (try csc(dense), dense)
  }

  static func csc(_ dense: [[Double]]) throws -> CSCMatrix {
    let n = dense.count
    var builder = TripletBuilder(rowCount: n, columnCount: n)
    for j in 0..<n { for i in 0..<n where dense[i][j] != 0 { builder.append(row: i, column: j, value: dense[i][j]) } }
    return try builder.makeCSC()
  }

  static func relativeError(_ x: [Double], _ reference: [Double]) -> Double {
    DenseReference.infNormDifference(x, reference) / max(DenseReference.infNorm(reference), .leastNormalMagnitude)
  }

  @Test("Random nonsymmetric A with positive definite symmetric part: solve equals dense LU to 1e-10",
        arguments: [(10, 0.3), (60, 0.08), (250, 0.02)])
  func randomAgainstDense(size: Int, density: Double) throws {
    for seed in SeededGenerator.seeds(4, base: UInt64(size)) {
      var rng = SeededGenerator(seed: seed)
      let (a, dense) = try Self.randomPositiveRealPart(dimension: size, density: density, using: &rng)
      let b = rng.vector(size)
      let reference = DenseReference.solveLU(dense, b)
      for ordering in [LDLOrdering?.none, .natural, .given(rng.permutation(size))] {
        let lu = try StaticPivotLU(matrix: a, ordering: ordering)
        let info = try lu.factor()
        #expect(info.regularisedPivots == 0, "seed \(seed)")
        #expect(lu.pivots.allSatisfy { $0 > 0 }, "seed \(seed): pivots of a positive real matrix are positive")
        var x = b
        lu.solve(&x)
        let error = Self.relativeError(x, reference)
        #expect(error <= SparseTolerance.ldlAgainstReference, "seed \(seed), ordering \(String(describing: ordering)): \(error)")
      }
    }
  }

  @Test("The factors reproduce P·A·Pᵀ = L·D·U, and L, Uᵀ have the pattern of the symmetric factor")
  func factorsReproduceMatrix() throws {
    var rng = SeededGenerator(seed: 77)
    let n = 40
    let (a, dense) = try Self.randomPositiveRealPart(dimension: n, density: 0.1, using: &rng)
    let lu = try StaticPivotLU(matrix: a)
    try lu.factor()
    let perm = lu.symbolic.permutation
    var l = DenseReference.zeros(n, n)
    var u = DenseReference.zeros(n, n)
    let starts = lu.symbolic.columnStarts
    for j in 0..<n {
      l[j][j] = 1
      u[j][j] = 1
      for slot in Int(starts[j])..<Int(starts[j + 1]) {
        let r = Int(lu.factorRowIndices[slot])
        #expect(r > j)
        l[r][j] = lu.lowerFactorValues[slot]
        u[j][r] = lu.upperFactorValues[slot]
      }
    }
    var largest = 0.0
    for i in 0..<n {
      for j in 0..<n {
        var sum = 0.0
        for k in 0..<n { sum += l[i][k] * lu.pivots[k] * u[k][j] }
        largest = max(largest, abs(sum - dense[Int(perm[i])][Int(perm[j])]))
      }
    }
    #expect(largest <= 1e-12, "‖P·A·Pᵀ − L·D·U‖max = \(largest)")
    // Same pattern as the LDLᵀ of pattern(A + Aᵀ) in the same order.
    let (upper, _) = try StaticPivotLU.symmetricPattern(of: a)
    let symbolic = try SymbolicLDL(upperTriangle: upper, ordering: .given(perm))
    #expect(symbolic.columnStarts == lu.symbolic.columnStarts)
  }

  @Test("A symmetric positive definite A gives L = Uᵀ and the D of NumericLDL, bit for bit")
  func symmetricMatchesLDL() throws {
    var rng = SeededGenerator(seed: 5)
    let pair = try RandomMatrices.diagonallyDominantUpper(dimension: 80, density: 0.05, using: &rng)
    let upper = pair.sparse
    let a = try Self.csc(pair.dense)
    let lu = try StaticPivotLU(matrix: a)
    try lu.factor()
    let ldl = NumericLDL(symbolic: try SymbolicLDL(upperTriangle: upper, ordering: .given(lu.symbolic.permutation)))
    ldl.setValues(upper.values)
    try ldl.factor()
    #expect(lu.pivots.map { $0.bitPattern } == ldl.pivots.map { $0.bitPattern })
    #expect(lu.lowerFactorValues.map { $0.bitPattern } == ldl.factorValues.map { $0.bitPattern })
    #expect(lu.upperFactorValues.map { $0.bitPattern } == ldl.factorValues.map { $0.bitPattern })
  }

  @Test("Regularised factor + refinement against the true A: a zero-diagonal saddle block solves to 1e-12")
  func needsRefinement() throws {
    // A = [[0, B], [−Bᵀ, D]] + a nonsymmetric coupling inside the D block: monotone, nonsingular, with zero
    // diagonal on the first block. Factorise A + δI (δ = 1e-8) and refine against A.
    var rng = SeededGenerator(seed: 31)
    let m = 15, n = 45
    var dense = DenseReference.zeros(m + n, m + n)
    for i in 0..<m {
      dense[i][m + i] = 1 + rng.uniform(0, 1)  // every free row coupled, so A is nonsingular
      for j in 0..<n where rng.chance(0.1) {
        let value = rng.uniform(-2, 2)
        dense[i][m + j] += value
        dense[m + j][i] -= value
      }
    }
    for j in 0..<n { dense[m + j][m + j] = rng.uniform(0.5, 2) }
    for j in 0..<(n - 1) { dense[m + j][m + j + 1] = 0.2; dense[m + j + 1][m + j] = -0.1 }
    let a = try Self.csc(dense)
    let delta = 1e-8
    let lu = try StaticPivotLU(matrix: a)
    var shifted = [Double](repeating: 0, count: m + n)
    for i in 0..<(m + n) { shifted[i] = dense[i][i] + delta }
    lu.setDiagonal(shifted)
    try lu.factor()
    let b = rng.vector(m + n)
    let reference = DenseReference.solveLU(dense, b)
    var plain = b
    lu.solve(&plain)
    let plainError = Self.relativeError(plain, reference)
    var refined = [Double](repeating: 0, count: m + n)
    let info = lu.solveRefined(b, into: &refined) { x, y in a.multiply(x, into: &y) }
    #expect(info.residualNorm <= SparseTolerance.refinedResidual, "residual \(info.residualNorm)")
    #expect(info.steps >= 1 && info.steps <= 5, "steps \(info.steps)")
    #expect(Self.relativeError(refined, reference) <= 1e-10)
    #expect(plainError > 1e-10, "the unrefined solve should carry the O(δ) error (\(plainError))")
  }

  @Test("setDiagonal / updateValues then factor equals a fresh analysis with the new values, bit for bit")
  func valueUpdates() throws {
    var rng = SeededGenerator(seed: 9)
    let n = 70
    let (a, dense) = try Self.randomPositiveRealPart(dimension: n, density: 0.06, using: &rng)
    let lu = try StaticPivotLU(matrix: a)
    try lu.factor()
    var changed = dense
    var newDiagonal = [Double](repeating: 0, count: n)
    for i in 0..<n {
      newDiagonal[i] = dense[i][i] + rng.uniform(0, 5)
      changed[i][i] = newDiagonal[i]
    }
    lu.setDiagonal(newDiagonal)
    try lu.factor()
    let fresh = try StaticPivotLU(matrix: try Self.csc(changed))
    try fresh.factor()
    #expect(lu.pivots.map { $0.bitPattern } == fresh.pivots.map { $0.bitPattern })
    #expect(lu.lowerFactorValues.map { $0.bitPattern } == fresh.lowerFactorValues.map { $0.bitPattern })
    #expect(lu.upperFactorValues.map { $0.bitPattern } == fresh.upperFactorValues.map { $0.bitPattern })
    // updateValues on stored entries: scale the first five stored values.
    var values = a.values
    let indices: [Int32] = [0, 1, 2, 3, 4]
    for k in indices { values[Int(k)] *= 1.5 }
    let update = try StaticPivotLU(matrix: a)
    update.updateValues(at: indices, indices.map { values[Int($0)] })
    try update.factor()
    let reference = try StaticPivotLU(matrix: a)
    reference.setValues(values)
    try reference.factor()
    #expect(update.pivots.map { $0.bitPattern } == reference.pivots.map { $0.bitPattern })
  }

  @Test("Growth is reported; a zero pivot throws with the original index when regularisation is off")
  func growthAndZeroPivot() throws {
    // [[1e-12, 1], [−1, 1]] in natural order: L₂₁ = −1e12, U₁₂ = 1e12.
    let small = try Self.csc([[1e-12, 1], [-1, 1]])
    let lu = try StaticPivotLU(matrix: small, ordering: .natural)
    let info = try lu.factor()
    #expect(info.largestLower >= 1e12 && info.largestUpper >= 1e12 && info.growth >= 1e12)
    // Zero diagonal at original index 1, eliminated first.
    let zero = try Self.csc([[1, 1], [-1, 0]])
    let flipped = try StaticPivotLU(matrix: zero, ordering: .given([1, 0]))
    #expect(throws: LDLError.zeroPivot(index: 1)) { try flipped.factor(regularisation: .off) }
    let rescued = try flipped.factor()
    #expect(rescued.regularisedPivots == 1 && rescued.firstRegularisedIndex == 1)
  }

  @Test("N = 0 factorises and solves")
  func empty() throws {
    let lu = try StaticPivotLU(matrix: CSCMatrix.zeros(rowCount: 0, columnCount: 0))
    try lu.factor()
    var x: [Double] = []
    lu.solve(&x)
    #expect(x.isEmpty)
  }
}
