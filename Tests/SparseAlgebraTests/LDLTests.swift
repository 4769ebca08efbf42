import Testing

@testable import SparseAlgebra

/// Sparse LDLᵀ, solver.md §7.2 (L1–L10) and determinism. T-COND and the LU tests belong elsewhere.
@Suite("Sparse LDLᵀ (§7.2)")
struct LDLTests {
  // MARK: Helpers

  /// Upper triangle (row ≤ column) of a full dense symmetric matrix. Nonzeros are stored; the diagonal is stored
  /// even when zero if `storeDiagonal`, and any position listed in `explicitZeros` is stored as an explicit 0.
  static func upper(_ dense: [[Double]], storeDiagonal: Bool = true, explicitZeros: [(Int, Int)] = []) throws
    -> CSCMatrix
  {
    let n = dense.count
    var builder = TripletBuilder(rowCount: n, columnCount: n)
    for j in 0..<n {
      for i in 0...j
      where dense[i][j] != 0 || (i == j && storeDiagonal) || explicitZeros.contains(where: { $0 == (i, j) }) {
        builder.append(row: i, column: j, value: dense[i][j])
      }
    }
    return try builder.makeCSC()
  }

  /// Analyse, set values, factor. `ordering` defaults to natural.
  static func factorise(
    _ upper: CSCMatrix, ordering: LDLOrdering = .natural, signs: [Int8]? = nil,
    regularisation: DynamicRegularisation = DynamicRegularisation()
  ) throws -> (NumericLDL, FactorInfo) {
    let symbolic = try SymbolicLDL(upperTriangle: upper, ordering: ordering)
    let numeric = NumericLDL(symbolic: symbolic)
    numeric.setValues(upper.values)
    let info = try numeric.factor(expectedSigns: signs, regularisation: regularisation)
    return (numeric, info)
  }

  static func solved(_ numeric: NumericLDL, _ rhs: [Double]) -> [Double] {
    var x = rhs
    numeric.solve(&x)
    return x
  }

  /// L in the permuted order as a dense unit lower triangular matrix.
  static func denseL(_ numeric: NumericLDL) -> [[Double]] {
    let n = numeric.symbolic.dimension
    var l = DenseReference.zeros(n, n)
    let starts = numeric.symbolic.columnStarts
    for j in 0..<n {
      l[j][j] = 1
      for slot in Int(starts[j])..<Int(starts[j + 1]) {
        l[Int(numeric.factorRowIndices[slot])][j] = numeric.factorValues[slot]
      }
    }
    return l
  }

  static func relativeDifference(_ x: [Double], _ reference: [Double]) -> Double {
    DenseReference.infNormDifference(x, reference) / max(DenseReference.infNorm(reference), .leastNormalMagnitude)
  }

  static func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

  static func expectClose(
    _ actual: [Double], _ expected: [Double], _ context: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(actual.count == expected.count, "\(context)", sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
      #expect(
        abs(a - e) <= SparseTolerance.handExample * abs(e), "\(context): \(actual) vs \(expected)",
        sourceLocation: sourceLocation)
    }
  }

  /// δ_static = ε_abs + ε_rel·max_j |K_jj| (§3.6).
  static func staticDelta(diagonal: [Double]) -> Double {
    SparseTolerance.staticRegularisationAbsolute
      + SparseTolerance.staticRegularisationRelative * diagonal.reduce(0) { max($0, abs($1)) }
  }

  // MARK: L1–L5: hand-worked examples

  @Test("L1: I₅ gives an empty L, D = 1 and x = b")
  func l1Identity() throws {
    let (numeric, info) = try Self.factorise(CSCMatrix.identity(5))
    #expect(numeric.symbolic.factorNonzeros == 0)
    #expect(numeric.factorRowIndices.isEmpty)
    #expect(numeric.pivots == [1, 1, 1, 1, 1])
    #expect(info == FactorInfo(positivePivots: 5, regularisedPivots: 0, firstRegularisedIndex: nil))
    let b = [3.0, -1, 0.5, 7, -2]
    #expect(Self.solved(numeric, b) == b)
  }

  @Test("L2: [[2, 1], [1, −3]] gives D = (2, −3.5), L₂₁ = 0.5, x = (5/7, −3/7)")
  func l2TwoByTwo() throws {
    let k = try Self.upper([[2, 1], [1, -3]])
    let (numeric, info) = try Self.factorise(k, signs: [1, -1])
    #expect(numeric.pivots == [2, -3.5])
    #expect(numeric.factorRowIndices == [1])
    #expect(numeric.factorValues == [0.5])
    #expect(info == FactorInfo(positivePivots: 1, regularisedPivots: 0, firstRegularisedIndex: nil))
    Self.expectClose(Self.solved(numeric, [1, 2]), [5.0 / 7, -3.0 / 7], "L2 solution")
  }

  @Test("L3: zero diagonal factorisable thanks to fill: D = (2, −0.5, 2), L₂₁ = 0.5, L₃₂ = −2, x = (1, 1, 1)",
    arguments: [true, false])
  func l3ZeroDiagonal(storeDiagonal: Bool) throws {
    let k = try Self.upper([[2, 1, 0], [1, 0, 1], [0, 1, 0]], storeDiagonal: storeDiagonal)
    let (numeric, info) = try Self.factorise(k, signs: [1, -1, 1])
    #expect(numeric.pivots == [2, -0.5, 2], "diagonal stored: \(storeDiagonal)")
    #expect(numeric.symbolic.columnStarts == [0, 1, 2, 2])
    #expect(numeric.factorRowIndices == [1, 2])
    #expect(numeric.factorValues == [0.5, -2])
    #expect(info.regularisedPivots == 0 && info.positivePivots == 2)
    Self.expectClose(Self.solved(numeric, [3, 2, 1]), [1, 1, 1], "L3 solution, diagonal stored: \(storeDiagonal)")
  }

  @Test("L4: singular [[1, 1], [1, 1]] without regularisation throws zeroPivot(1)")
  func l4SingularWithoutRegularisation() throws {
    let k = try Self.upper([[1, 1], [1, 1]])
    #expect(throws: LDLError.zeroPivot(index: 1)) {
      _ = try Self.factorise(k, signs: [1, 1], regularisation: .off)
    }
  }

  @Test("L4: singular [[1, 1], [1, 1]] with dynamic regularisation has one regularised pivot")
  func l4SingularWithDynamicRegularisation() throws {
    let k = try Self.upper([[1, 1], [1, 1]])
    let regularisation = DynamicRegularisation()
    let (numeric, info) = try Self.factorise(k, signs: [1, 1], regularisation: regularisation)
    #expect(info == FactorInfo(positivePivots: 2, regularisedPivots: 1, firstRegularisedIndex: 1))
    #expect(numeric.pivots == [1, regularisation.delta])
  }

  @Test("L4: static regularisation plus refinement solves the consistent singular system to 1e-10")
  func l4SingularWithStaticRegularisationAndRefinement() throws {
    let kTrue = try Self.upper([[1, 1], [1, 1]])
    let delta = Self.staticDelta(diagonal: [1, 1])
    let kRegularised = try Self.upper([[1 + delta, 1], [1, 1 + delta]])
    let (numeric, info) = try Self.factorise(kRegularised, signs: [1, 1])
    #expect(info.regularisedPivots == 0, "δ_static alone keeps the second pivot (≈ 2δ) above ε_dyn")
    let b = [2.0, 2]
    let (x, refinement) = numeric.solveRefined(b) { x, y in kTrue.symmetricMultiply(x, into: &y) }
    var residual = b
    kTrue.symmetricMultiply(x, into: &residual, alpha: -1, beta: 1)
    #expect(Vector.infNorm(residual) <= SparseTolerance.singularRefinedResidual, "residual \(residual)")
    #expect(refinement.residualNorm <= SparseTolerance.singularRefinedResidual)
  }

  @Test("L5: I₂ with expected signs (+, −): D₂ becomes −δ_dyn, one regularised pivot, inertia 1 positive",
    arguments: [false, true])
  func l5WrongSignedPivot(storeZeroOffDiagonal: Bool) throws {
    let k = try Self.upper([[1, 0], [0, 1]], explicitZeros: storeZeroOffDiagonal ? [(0, 1)] : [])
    let regularisation = DynamicRegularisation()
    let (numeric, info) = try Self.factorise(k, signs: [1, -1], regularisation: regularisation)
    #expect(numeric.pivots == [1, -regularisation.delta])
    #expect(info == FactorInfo(positivePivots: 1, regularisedPivots: 1, firstRegularisedIndex: 1))
  }

  @Test("L4/L5 under a permutation: zeroPivot and firstRegularisedIndex report the original index")
  func pivotIndicesAreOriginal() throws {
    let singular = try Self.upper([[1, 1], [1, 1]])
    // Reversed order eliminates original row 1 first; the collapsing pivot is then original row 0.
    #expect(throws: LDLError.zeroPivot(index: 0)) {
      _ = try Self.factorise(singular, ordering: .given([1, 0]), signs: [1, 1], regularisation: .off)
    }
    let identity = try Self.upper([[1, 0], [0, 1]])
    let (numeric, info) = try Self.factorise(identity, ordering: .given([1, 0]), signs: [1, -1])
    #expect(info == FactorInfo(positivePivots: 1, regularisedPivots: 1, firstRegularisedIndex: 1))
    #expect(numeric.pivots == [-DynamicRegularisation().delta, 1], "pivots are in the permuted order")
  }

  @Test("A factorisation that threw leaves the object reusable: the next factor equals a fresh one")
  func refactorAfterFailure() throws {
    let problem = try QuasiDefiniteProblem(dimension: 40, patternSeed: 0x1C00, valueSeed: 0x1C00)
    var rng = SeededGenerator(seed: 0x1C00)
    let ordering = LDLOrdering.given(rng.permutation(problem.dimension))
    let symbolic = try SymbolicLDL(upperTriangle: problem.upper, ordering: ordering)
    let numeric = NumericLDL(symbolic: symbolic)
    // A NaN on the diagonal of the last pivot: every earlier row of L is written before the factorisation throws.
    let lastOriginal = Int(symbolic.permutation[problem.dimension - 1])
    var broken = problem.upper.values
    broken[Int(problem.diagonalEntries[lastOriginal])] = .nan
    numeric.setValues(broken)
    #expect(throws: LDLError.nonFinite(index: lastOriginal)) {
      _ = try numeric.factor(expectedSigns: problem.expectedSigns)
    }
    numeric.setValues(problem.upper.values)
    let info = try numeric.factor(expectedSigns: problem.expectedSigns)
    let (fresh, freshInfo) = try Self.factorise(problem.upper, ordering: ordering, signs: problem.expectedSigns)
    let b = rng.vector(problem.dimension)
    #expect(info == freshInfo)
    #expect(Self.bits(numeric.factorValues) == Self.bits(fresh.factorValues))
    #expect(Self.bits(numeric.pivots) == Self.bits(fresh.pivots))
    #expect(Self.bits(Self.solved(numeric, b)) == Self.bits(Self.solved(fresh, b)))
  }

  // MARK: L6: random quasi-definite matrices against dense LU

  /// Seeds per size: many small cases, few large ones (debug-build time).
  static let l6SeedCounts: [Int: Int] = [10: 12, 50: 6, 200: 2]

  @Test("L6: random quasi-definite K vs dense LU; inertia n; orderings agree", arguments: [10, 50, 200])
  func l6QuasiDefinite(dimension: Int) throws {
    for seed in SeededGenerator.seeds(Self.l6SeedCounts[dimension]!, base: 0x1600 + UInt64(dimension)) {
      try Self.checkQuasiDefinite(dimension: dimension, seed: seed, randomOrderings: 2)
    }
  }

  @Test("L6: one N = 1000 quasi-definite system")
  func l6QuasiDefiniteLarge() throws {
    try Self.checkQuasiDefinite(dimension: 1000, seed: 0x16_1000, randomOrderings: 1)
  }

  static func checkQuasiDefinite(dimension: Int, seed: UInt64, randomOrderings: Int) throws {
    let problem = try QuasiDefiniteProblem(dimension: dimension, patternSeed: seed, valueSeed: seed)
    var rng = SeededGenerator(seed: seed ^ 0xB0B)
    let b = rng.vector(dimension)
    let reference = DenseReference.solveLU(problem.dense, b)
    var orderings: [LDLOrdering] = [.natural]
    for _ in 0..<randomOrderings { orderings.append(.given(rng.permutation(dimension))) }
    var naturalSolution: [Double] = []
    for (index, ordering) in orderings.enumerated() {
      let context = "N=\(dimension), ordering \(index == 0 ? "natural" : "random #\(index)"), seed \(seed)"
      let (numeric, info) = try factorise(problem.upper, ordering: ordering, signs: problem.expectedSigns)
      #expect(info.positivePivots == problem.n, "inertia: \(context)")
      #expect(info.regularisedPivots == 0, "\(context)")
      let x = solved(numeric, b)
      let error = relativeDifference(x, reference)
      #expect(error <= SparseTolerance.ldlAgainstReference, "‖x − x_ref‖∞/‖x_ref‖∞ = \(error): \(context)")
      if index == 0 {
        naturalSolution = x
      } else {
        let spread = relativeDifference(x, naturalSolution)
        #expect(spread <= SparseTolerance.orderingAgreement, "natural vs random ordering \(spread): \(context)")
      }
      if dimension <= 50 {
        // The factors themselves against a dense LDLᵀ (no pivoting) of the same permuted matrix.
        let permutation = numeric.symbolic.permutation
        let (lReference, dReference) = DenseReference.ldl(DenseReference.permuteSymmetric(problem.dense, permutation))
        let l = denseL(numeric)
        var lError = 0.0
        var lScale = 0.0
        for i in 0..<dimension {
          for j in 0..<dimension {
            lError = max(lError, abs(l[i][j] - lReference[i][j]))
            lScale = max(lScale, abs(lReference[i][j]))
          }
        }
        #expect(lError <= SparseTolerance.factorAgainstDense * lScale, "L error \(lError): \(context)")
        for (d, dRef) in zip(numeric.pivots, dReference) {
          #expect(abs(d - dRef) <= SparseTolerance.factorAgainstDense * abs(dRef), "D \(d) vs \(dRef): \(context)")
        }
      }
    }
  }

  // MARK: L7: LP KKT with equality rows, static regularisation and refinement

  /// K_true = [[0, Aᵀ], [A, −H]] with H = 0 on the equality rows: singular leading block, so only the static shift
  /// makes it factorisable.
  struct LPKKT {
    let n: Int
    let m: Int
    let trueUpper: CSCMatrix
    let regularisedUpper: CSCMatrix
    var signs: [Int8] { [Int8](repeating: 1, count: n) + [Int8](repeating: -1, count: m) }

    init(seed: UInt64, n: Int = 20, equalityRows: Int = 5, inequalityRows: Int = 30) throws {
      self.n = n
      self.m = equalityRows + inequalityRows
      var rng = SeededGenerator(seed: seed)
      let dimension = n + m
      var builder = TripletBuilder(rowCount: dimension, columnCount: dimension)
      var diagonal = [Double](repeating: 0, count: dimension)
      for i in 0..<m {
        let h = i < equalityRows ? 0 : rng.uniform(0.1, 10)
        diagonal[n + i] = -h
        // Guarantee a full-rank A: the inequality rows contain a scaled identity on the first n columns.
        for j in 0..<n where rng.chance(0.25) || (i >= equalityRows && i - equalityRows == j) {
          builder.append(row: j, column: n + i, value: rng.uniform(-2, 2) + (i - equalityRows == j ? 3 : 0))
        }
      }
      for j in 0..<dimension { builder.append(row: j, column: j, value: diagonal[j]) }  // kept even when 0
      trueUpper = try builder.makeCSC()
      let delta = LDLTests.staticDelta(diagonal: diagonal)
      var regularised = trueUpper
      for j in 0..<dimension {
        regularised.values[trueUpper.entryIndex(row: j, column: j)!] += j < n ? delta : -delta
      }
      regularisedUpper = regularised
    }
  }

  @Test("L7: LP KKT with equality rows: refinement reaches ‖b − K_true·x‖∞ ≤ 1e-12 in ≤ 3 steps")
  func l7RefinementOnLPKKT() throws {
    for seed in SeededGenerator.seeds(4, base: 0x1700) {
      let kkt = try LPKKT(seed: seed)
      var rng = SeededGenerator(seed: seed ^ 0x77)
      let dimension = kkt.n + kkt.m
      let b = rng.vector(dimension)
      for ordering in [LDLOrdering.natural, .given(rng.permutation(dimension))] {
        let context = "ordering \(ordering == .natural ? "natural" : "random"), seed \(seed)"
        let (numeric, info) = try Self.factorise(kkt.regularisedUpper, ordering: ordering, signs: kkt.signs)
        #expect(info.positivePivots == kkt.n && info.regularisedPivots == 0, "\(context)")
        func trueResidual(_ x: [Double]) -> Double {  // b − (K_true·x), rounded as solveRefined rounds it
          var kx = [Double](repeating: 0, count: b.count)
          kkt.trueUpper.symmetricMultiply(x, into: &kx)
          return Vector.infNorm(zip(b, kx).map { $0 - $1 })
        }
        let unrefined = trueResidual(Self.solved(numeric, b))
        #expect(
          unrefined > SparseTolerance.refinedResidual,
          "the static shift should leave a visible residual (\(unrefined)) for refinement to remove: \(context)")
        var settings = RefinementSettings()
        settings.absoluteTolerance = SparseTolerance.refinedResidual
        settings.relativeTolerance = 0
        let (x, refinement) = numeric.solveRefined(b, settings: settings) { x, y in
          kkt.trueUpper.symmetricMultiply(x, into: &y)
        }
        let refined = trueResidual(x)
        #expect(
          refined <= SparseTolerance.refinedResidual,
          "refined residual \(refined) (unrefined \(unrefined)) after \(refinement.steps) steps: \(context)")
        #expect(refinement.steps <= SparseTolerance.maxRefinementSteps, "\(refinement.steps) steps: \(context)")
        #expect(refinement.residualNorm == refined, "reported residual: \(context)")
      }
    }
  }

  // MARK: L8: one symbolic analysis, two value sets

  @Test("L8: two value sets on one SymbolicLDL are bit-identical to a fresh analysis")
  func l8ReusedSymbolicAnalysis() throws {
    for seed in SeededGenerator.seeds(4, base: 0x1800) {
      let first = try QuasiDefiniteProblem(dimension: 60, patternSeed: seed, valueSeed: seed)
      let second = try QuasiDefiniteProblem(dimension: 60, patternSeed: seed, valueSeed: seed &+ 1)
      #expect(first.upper.hasSamePattern(as: second.upper) && first.upper.values != second.upper.values)
      var rng = SeededGenerator(seed: seed)
      let b = rng.vector(first.dimension)
      for ordering in [LDLOrdering.natural, .given(rng.permutation(first.dimension))] {
        let context = "ordering \(ordering == .natural ? "natural" : "random"), seed \(seed)"
        let shared = try SymbolicLDL(upperTriangle: first.upper, ordering: ordering)
        #expect(shared.matches(second.upper), "\(context)")
        let reused = NumericLDL(symbolic: shared)
        reused.setValues(first.upper.values)
        try reused.factor(expectedSigns: first.expectedSigns)
        _ = Self.solved(reused, b)
        reused.setValues(second.upper.values)
        let reusedInfo = try reused.factor(expectedSigns: second.expectedSigns)
        let reusedX = Self.solved(reused, b)

        let (fresh, freshInfo) = try Self.factorise(second.upper, ordering: ordering, signs: second.expectedSigns)
        let freshX = Self.solved(fresh, b)
        #expect(reusedInfo == freshInfo, "\(context)")
        #expect(reused.factorRowIndices == fresh.factorRowIndices, "\(context)")
        #expect(Self.bits(reused.factorValues) == Self.bits(fresh.factorValues), "L differs: \(context)")
        #expect(Self.bits(reused.pivots) == Self.bits(fresh.pivots), "D differs: \(context)")
        #expect(Self.bits(reusedX) == Self.bits(freshX), "x differs: \(context)")
      }
    }
  }

  // MARK: L9: pattern of L vs dense boolean elimination

  @Test("L9: the pattern of L equals dense boolean symbolic elimination in the same order")
  func l9FactorPattern() throws {
    for seed in SeededGenerator.seeds(16, base: 0x1900) {
      var rng = SeededGenerator(seed: seed)
      let matrix: CSCMatrix
      let signs: [Int8]?
      if seed % 2 == 0 {
        let problem = try QuasiDefiniteProblem(dimension: 10 + rng.index(30), patternSeed: seed, valueSeed: seed)
        matrix = problem.upper
        signs = problem.expectedSigns
      } else {
        let n = rng.index(30)
        matrix = try RandomMatrices.diagonallyDominantUpper(dimension: n, density: rng.uniform(0, 0.3), using: &rng)
          .sparse
        signs = nil
      }
      let n = matrix.columnCount
      let structure = DenseReference.pattern(matrix)
      var symmetric = structure
      for i in 0..<n { for j in 0..<n where structure[i][j] { symmetric[j][i] = true } }
      for ordering in [LDLOrdering.natural, .given(rng.permutation(n))] {
        let context = "N=\(n), ordering \(ordering == .natural ? "natural" : "random"), seed \(seed)"
        let (numeric, _) = try Self.factorise(matrix, ordering: ordering, signs: signs)
        let permutation = numeric.symbolic.permutation
        let permuted = (0..<n).map { i in (0..<n).map { j in symmetric[Int(permutation[i])][Int(permutation[j])] } }
        let fill = DenseReference.symbolicFill(permuted)
        let starts = numeric.symbolic.columnStarts
        for j in 0..<n {
          let rows = numeric.factorRowIndices[Int(starts[j])..<Int(starts[j + 1])].map { Int($0) }
          let expected = ((j + 1)..<max(n, j + 1)).filter { fill[$0][j] }
          #expect(rows == expected, "column \(j) of L: \(context)")
        }
        #expect(
          numeric.symbolic.columnCounts.map { Int($0) } == (0..<n).map { j in (0..<n).filter { fill[$0][j] }.count },
          "column counts: \(context)")
      }
    }
  }

  // MARK: L10: updateValues vs setValues

  @Test("L10: updateValues through the entry map equals setValues with the full new vector")
  func l10UpdateValuesEqualsSetValues() throws {
    for seed in SeededGenerator.seeds(4, base: 0x1A00) {
      let problem = try QuasiDefiniteProblem(dimension: 50, patternSeed: seed, valueSeed: seed)
      var rng = SeededGenerator(seed: seed)
      let upper = problem.upper
      // New values: every diagonal entry (as in an IPM iteration) and a random subset of the A block.
      var changed: [Int32] = problem.diagonalEntries
      for column in problem.n..<problem.dimension {
        for entry in Int(upper.columnStarts[column])..<Int(upper.columnStarts[column + 1])
        where Int(upper.rowIndices[entry]) < problem.n && rng.chance(0.5) {
          changed.append(Int32(entry))
        }
      }
      changed.shuffle(using: &rng)
      var newValues = upper.values
      var changedValues: [Double] = []
      for entry in changed {
        let e = Int(entry)
        let row = Int(upper.rowIndices[e])
        let column = row == columnOf(entry: e, in: upper) ? row : -1
        let value: Double
        if column >= 0 {  // diagonal: keep the block signs
          value = column < problem.n ? upper.values[e] + rng.uniform(0, 2) : upper.values[e] - rng.uniform(0, 2)
        } else {
          value = rng.uniform(-1, 1)
        }
        newValues[e] = value
        changedValues.append(value)
      }
      let b = rng.vector(problem.dimension)
      for ordering in [LDLOrdering.natural, .given(rng.permutation(problem.dimension))] {
        let context = "ordering \(ordering == .natural ? "natural" : "random"), seed \(seed)"
        let symbolic = try SymbolicLDL(upperTriangle: upper, ordering: ordering)
        let updated = NumericLDL(symbolic: symbolic)
        updated.setValues(upper.values)
        try updated.factor(expectedSigns: problem.expectedSigns)
        updated.updateValues(at: changed, changedValues)
        let updatedInfo = try updated.factor(expectedSigns: problem.expectedSigns)
        let replaced = NumericLDL(symbolic: symbolic)
        replaced.setValues(newValues)
        let replacedInfo = try replaced.factor(expectedSigns: problem.expectedSigns)
        #expect(updatedInfo == replacedInfo && updatedInfo.positivePivots == problem.n, "\(context)")
        #expect(Self.bits(updated.factorValues) == Self.bits(replaced.factorValues), "L differs: \(context)")
        #expect(Self.bits(updated.pivots) == Self.bits(replaced.pivots), "D differs: \(context)")
        #expect(Self.bits(Self.solved(updated, b)) == Self.bits(Self.solved(replaced, b)), "x differs: \(context)")
      }
    }
  }

  private func columnOf(entry: Int, in matrix: CSCMatrix) -> Int {
    var column = 0
    while Int(matrix.columnStarts[column + 1]) <= entry { column += 1 }
    return column
  }

  // MARK: Determinism and input checks

  @Test("Determinism: factor + solve twice gives bit-identical results")
  func determinism() throws {
    for seed in SeededGenerator.seeds(3, base: 0x1B00) {
      let problem = try QuasiDefiniteProblem(dimension: 80, patternSeed: seed, valueSeed: seed)
      var rng = SeededGenerator(seed: seed)
      let b = rng.vector(problem.dimension)
      let ordering = LDLOrdering.given(rng.permutation(problem.dimension))
      let (numeric, firstInfo) = try Self.factorise(problem.upper, ordering: ordering, signs: problem.expectedSigns)
      let firstL = numeric.factorValues
      let firstD = numeric.pivots
      let firstX = Self.solved(numeric, b)
      let secondInfo = try numeric.factor(expectedSigns: problem.expectedSigns)
      let secondX = Self.solved(numeric, b)
      #expect(firstInfo == secondInfo, "seed \(seed)")
      #expect(Self.bits(firstL) == Self.bits(numeric.factorValues), "L, same object, seed \(seed)")
      #expect(Self.bits(firstD) == Self.bits(numeric.pivots), "D, same object, seed \(seed)")
      #expect(Self.bits(firstX) == Self.bits(secondX), "x, same object, seed \(seed)")
      let (other, _) = try Self.factorise(problem.upper, ordering: ordering, signs: problem.expectedSigns)
      #expect(Self.bits(firstX) == Self.bits(Self.solved(other, b)), "x, second object, seed \(seed)")
    }
  }

  @Test("SymbolicLDL rejects non-square input, lower entries and invalid permutations")
  func symbolicInputChecks() throws {
    let rectangular = CSCMatrix.zeros(rowCount: 2, columnCount: 3)
    #expect(throws: LDLError.self) { _ = try SymbolicLDL(upperTriangle: rectangular) }
    let full = try CSCMatrix(
      rowCount: 2, columnCount: 2, columnStarts: [0, 2, 4], rowIndices: [0, 1, 0, 1], values: [2, 1, 1, 2])
    #expect(throws: LDLError.self) { _ = try SymbolicLDL(upperTriangle: full) }
    let identity = CSCMatrix.identity(3)
    for bad: [Int32] in [[0, 1], [0, 1, 1], [0, 1, 3], [-1, 0, 1]] {
      #expect(throws: LDLError.self, "permutation \(bad)") {
        _ = try SymbolicLDL(upperTriangle: identity, ordering: .given(bad))
      }
    }
    let numeric = NumericLDL(symbolic: try SymbolicLDL(upperTriangle: identity))
    numeric.setValues(identity.values)
    #expect(throws: LDLError.self) { _ = try numeric.factor(expectedSigns: [1, 1]) }
  }

  @Test("An empty (N = 0) system factorises and solves")
  func emptySystem() throws {
    let (numeric, info) = try Self.factorise(CSCMatrix.zeros(rowCount: 0, columnCount: 0))
    #expect(info.positivePivots == 0 && info.regularisedPivots == 0)
    #expect(Self.solved(numeric, []) == [])
  }
}
