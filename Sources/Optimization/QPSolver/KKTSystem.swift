import SparseAlgebra

/// Symbolic analysis of a KKT pattern, shareable across solves with the same sparsity (solver.md §3.8).
public struct SymbolicKKT: Sendable {
  /// Upper triangle of K = [P Aᵀ; A −H] with zero values; every diagonal entry is structurally present.
  let pattern: CSCMatrix
  /// Position in K's values of each stored entry of P, of A, and of each diagonal j.
  let mapP: [Int32]
  let mapA: [Int32]
  let mapDiagonal: [Int32]
  let ldl: SymbolicLDL
  let variableCount: Int
  let rowCount: Int

  /// Builds the KKT pattern of `problem` and analyses it (ordering, elimination tree, counts).
  init(problem: CanonicalQP, settings: QPSettings) throws {
    let n = problem.variableCount
    let m = problem.rowCount
    let p = problem.quadratic
    let a = problem.constraints
    let triplets = Self.patternTriplets(problem)
    let (kkt, map) = try triplets.makeCSCWithMap()
    mapP = Array(map[0..<p.nonzeroCount])
    mapA = Array(map[p.nonzeroCount..<(p.nonzeroCount + a.nonzeroCount)])
    mapDiagonal = Array(map[(p.nonzeroCount + a.nonzeroCount)...])
    pattern = kkt
    variableCount = n
    rowCount = m
    ldl = try SymbolicLDL(upperTriangle: kkt, ordering: KKTOrderingChoice.ordering(for: kkt, settings: settings))
  }

  /// The KKT pattern as triplets: every stored entry of P, then of A (as the Aᵀ block), then each diagonal j.
  static func patternTriplets(_ problem: CanonicalQP) -> TripletBuilder {
    let n = problem.variableCount
    let m = problem.rowCount
    let p = problem.quadratic
    let a = problem.constraints
    var triplets = TripletBuilder(rowCount: n + m, columnCount: n + m, reserve: p.nonzeroCount + a.nonzeroCount + n + m)
    for column in 0..<n {
      for entry in Int(p.columnStarts[column])..<Int(p.columnStarts[column + 1]) {
        triplets.append(row: Int(p.rowIndices[entry]), column: column, value: 0)
      }
    }
    for column in 0..<n {
      for entry in Int(a.columnStarts[column])..<Int(a.columnStarts[column + 1]) {
        triplets.append(row: column, column: n + Int(a.rowIndices[entry]), value: 0)
      }
    }
    for j in 0..<(n + m) { triplets.append(row: j, column: j, value: 0) }
    return triplets
  }

  /// Entries strictly below the diagonal of the factor L.
  public var factorNonzeros: Int { ldl.factorNonzeros }
  /// Stored entries of the KKT upper triangle.
  public var kktNonzeros: Int { pattern.nonzeroCount }
}

/// The quasi-definite KKT system K = [P + δI, Aᵀ; A, −(H + δI)] of one solve (solver.md §3.1, §3.6–3.7):
/// values written through index maps, factorised with static and dynamic regularisation, solved with
/// iterative refinement against the unregularised matrix. Not `Sendable`: one per solver instance.
final class KKTSystem {
  let symbolic: SymbolicKKT
  private let factor: NumericLDL
  /// K with its true (unregularised) values, used for refinement.
  private var trueMatrix: CSCMatrix
  /// Values handed to the factoriser (true values with the static shift on the diagonal).
  private var shiftedValues: [Double]
  private let expectedSigns: [Int8]
  let settings: QPSettings
  /// Current static regularisation δ (raised by recovery, §4.11).
  private(set) var staticDelta: Double = 0
  var staticBoost: Double = 1
  private(set) var lastFactorInfo = FactorInfo(positivePivots: 0, regularisedPivots: 0, firstRegularisedIndex: nil)
  private(set) var refinementSteps = 0
  private(set) var worstRefinementResidual = 0.0

  init(symbolic: SymbolicKKT, settings: QPSettings) {
    self.symbolic = symbolic
    self.settings = settings
    factor = NumericLDL(symbolic: symbolic.ldl)
    trueMatrix = symbolic.pattern
    shiftedValues = symbolic.pattern.values
    let n = symbolic.variableCount
    let m = symbolic.rowCount
    expectedSigns = [Int8](repeating: 1, count: n) + [Int8](repeating: -1, count: m)
  }

  /// Writes P, A and the (2,2) diagonal −h into K (h ≥ 0, zero on equality rows) and factorises with the
  /// static shift. Throws `LDLError` when a pivot collapses and dynamic regularisation cannot rescue it.
  func update(problem: CanonicalQP, blockDiagonal h: [Double]) throws {
    let n = symbolic.variableCount
    let m = symbolic.rowCount
    trueMatrix.values.withUnsafeMutableBufferPointer { values in
      for k in 0..<values.count { values[k] = 0 }
      for (k, slot) in symbolic.mapP.enumerated() { values[Int(slot)] += problem.quadratic.values[k] }
      for (k, slot) in symbolic.mapA.enumerated() { values[Int(slot)] += problem.constraints.values[k] }
      for i in 0..<m { values[Int(symbolic.mapDiagonal[n + i])] = -h[i] }
    }
    var largestDiagonal = 0.0
    for slot in symbolic.mapDiagonal { largestDiagonal = max(largestDiagonal, abs(trueMatrix.values[Int(slot)])) }
    staticDelta = min(
      (settings.staticRegularisationAbs + settings.staticRegularisationRel * largestDiagonal) * staticBoost, 1e-4)
    shiftedValues.withUnsafeMutableBufferPointer { shifted in
      trueMatrix.values.withUnsafeBufferPointer { values in
        for k in 0..<values.count { shifted[k] = values[k] }
      }
    }
    for j in 0..<n { shiftedValues[Int(symbolic.mapDiagonal[j])] += staticDelta }
    for i in 0..<m { shiftedValues[Int(symbolic.mapDiagonal[n + i])] -= staticDelta }
    factor.setValues(shiftedValues)
    lastFactorInfo = try factor.factor(
      expectedSigns: expectedSigns,
      regularisation: DynamicRegularisation(
        isEnabled: true, epsilon: settings.dynamicRegularisationEps, delta: settings.dynamicRegularisationDelta))
  }

  /// Solves K_true·[x; z] = rhs with refinement. Returns nil when a non-finite value appears.
  func solve(_ rhs: [Double]) -> [Double]? {
    var solution = [Double](repeating: 0, count: rhs.count)
    return solve(rhs, into: &solution) ? solution : nil
  }

  /// Solves into a caller-owned vector without allocating; false when a non-finite value appears.
  func solve(_ rhs: [Double], into solution: inout [Double]) -> Bool {
    let info = factor.solveRefined(rhs, into: &solution, settings: refinement) { [trueMatrix] x, y in
      trueMatrix.symmetricMultiply(x, into: &y)
    }
    refinementSteps += info.steps
    worstRefinementResidual = max(worstRefinementResidual, info.residualNorm)
    return solution.allSatisfy { $0.isFinite }
  }

  private var refinement: RefinementSettings {
    var refinement = RefinementSettings()
    refinement.absoluteTolerance = settings.refinementAbsTol
    refinement.relativeTolerance = settings.refinementRelTol
    refinement.maxIterations = settings.refinementMaxIterations
    refinement.stopRatio = settings.refinementStopRatio
    return refinement
  }
}

/// Chooses the fill-reducing ordering of a KKT-like matrix from the settings.
enum KKTOrderingChoice {
  static func ordering(for upperTriangle: CSCMatrix, settings: QPSettings) -> LDLOrdering {
    switch settings.ordering {
    case .natural: return .natural
    case .amd:
      return .given(
        ApproximateMinimumDegree.ordering(of: upperTriangle, settings: AMDSettings(denseFactor: settings.amdDenseFactor)))
    }
  }
}
