import SparseAlgebra

/// How the Newton systems of an MLCP solve were factorised (solver.md §3.10).
public enum MLCPNewtonMethod: String, Sendable, Codable {
  /// (a) sparse LDLᵀ of E·J for a signature E with E·M symmetric (AMD once, numeric refactorisation per iteration).
  case signSymmetric
  /// (b) static-pivot sparse LU of J on the symmetric pattern of M + Mᵀ (AMD once, numeric refactorisation per
  /// iteration): every monotone M without a signature, at any N.
  case staticPivotLU
  /// (c) dense LU with partial pivoting (non-monotone M allowed, or forced).
  case denseLU
}

/// The Newton matrix J = M̃ + diag(0_free, W Z⁻¹) of solver.md §3.10 / §5.2 on the scaled data, and its solves.
/// (a) when a signature exists, (b) the static-pivot sparse LU otherwise, (c) the dense LU when forced or for a
/// non-monotone M. (a) and (b) fall back to (c) for single iterations whose factor is unusable (for (b): growth
/// max(|L_ij|, |U_ij|) above `luGrowthLimit`, reported only) or whose solve fails to refine to `refinementTolerance`, when
/// N ≤ `denseLimit`; above that the best sparse solve is accepted if it reaches 1e-6 relative.
final class MLCPNewtonSystem {
  private enum SparseFactor {
    case signSymmetric(SignSymmetricFactor)
    case staticPivot(StaticPivotFactor)
  }

  let matrix: CSCMatrix
  let method: MLCPNewtonMethod
  private let sparse: SparseFactor?
  private let dense: DenseLU?
  private let refinementTolerance: Double
  private let growthLimit: Double
  /// Current diag(0_free, w/z).
  private var diagonal: [Double]
  private var denseIsCurrent = false
  private var residual: [Double]
  private var correction: [Double]
  /// Iterations (factorisations) that fell back from (a) or (b) to the dense LU.
  private(set) var denseFallbacks = 0
  /// Largest relative residual of an accepted solve.
  private(set) var worstResidual = 0.0
  /// (b): factorisations whose growth exceeded `luGrowthLimit` (or overflowed), and the largest growth seen.
  private(set) var growthEvents = 0
  private(set) var largestGrowth = 0.0
  /// (b): solves whose refinement did not reach `refinementTolerance`.
  private(set) var refinementShortfalls = 0

  enum SetupError: Error {
    case tooLargeForDense(Int)
    case analysis(String)
  }

  /// `signs` is required for `.signSymmetric`; `delta` is the static shift of the chosen sparse method.
  init(matrix: CSCMatrix, method: MLCPNewtonMethod, signs: [Int8]?, settings: MLCPSettings, delta: Double)
    throws(SetupError)
  {
    self.matrix = matrix
    self.method = method
    let n = matrix.columnCount
    refinementTolerance = settings.refinementTolerance
    growthLimit = settings.luGrowthLimit
    diagonal = [Double](repeating: 0, count: n)
    residual = [Double](repeating: 0, count: n)
    correction = [Double](repeating: 0, count: n)
    do {
      switch method {
      case .signSymmetric:
        guard let signs else { throw SetupError.analysis("the sign-symmetric LDLᵀ needs a signature") }
        sparse = .signSymmetric(try SignSymmetricFactor(matrix: matrix, signs: signs, delta: delta))
      case .staticPivotLU:
        sparse = .staticPivot(try StaticPivotFactor(matrix: matrix, delta: delta))
      case .denseLU:
        guard n <= settings.denseLimit else { throw SetupError.tooLargeForDense(n) }
        sparse = nil
      }
    } catch let error as SetupError {
      throw error
    } catch {
      throw .analysis("\(error)")
    }
    dense = n <= settings.denseLimit ? DenseLU(dimension: n) : nil
  }

  /// Stored entries of the sparse factor (L below the diagonal; for (b) U has as many above it); 0 for (c).
  var factorNonzeros: Int {
    switch sparse {
    case .signSymmetric(let factor): return factor.factorNonzeros
    case .staticPivot(let factor): return factor.factorNonzeros
    case nil: return 0
    }
  }

  /// Factorises J for the given diag(0_free, w/z). False only when no method could factorise it.
  func factor(diagonal newDiagonal: [Double]) -> Bool {
    for i in 0..<diagonal.count { diagonal[i] = newDiagonal[i] }
    denseIsCurrent = false
    switch sparse {
    case .signSymmetric(let factor):
      do {
        try factor.factor(adding: diagonal)
        return true
      } catch {
        if dense != nil { denseFallbacks += 1 }
        return factorDense()
      }
    case .staticPivot(let factor):
      do {
        let info = try factor.factor(adding: diagonal)
        largestGrowth = max(largestGrowth, info.growth)
        // Growth guard (§3.10 (b)): growth above the limit is reported, and refinement decides (a solve that misses
        // the refinement tolerance is redone with the dense LU). Zero-diagonal price rows give pivots equal to δ and
        // growth ≈ 1/δ at every iteration while refinement still reaches 1e-10, so growth alone does not switch.
        if info.growth > growthLimit { growthEvents += 1 }
        return true
      } catch {
        growthEvents += 1
        largestGrowth = .infinity
        if dense != nil { denseFallbacks += 1 }
        return factorDense()
      }
    case nil:
      return factorDense()
    }
  }

  private func factorDense() -> Bool {
    guard let dense else { return false }
    denseIsCurrent = dense.factor(matrix, diagonal: diagonal)
    return denseIsCurrent
  }

  /// The sparse solve with refinement; its final residual ‖rhs − J·x‖∞.
  private func sparseSolve(_ rhs: [Double], into solution: inout [Double]) -> Double? {
    switch sparse {
    case .signSymmetric(let factor): return factor.solve(rhs, into: &solution)
    case .staticPivot(let factor): return factor.solve(rhs, into: &solution)
    case nil: return nil
    }
  }

  /// Solves J·x = rhs. False when the solution is not finite or no method reaches a usable accuracy.
  func solve(_ rhs: [Double], into solution: inout [Double]) -> Bool {
    let rhsNorm = Vector.infNorm(rhs)
    let limit = refinementTolerance * (1 + rhsNorm)
    if !denseIsCurrent, let residualNorm = sparseSolve(rhs, into: &solution) {
      if residualNorm.isFinite && residualNorm <= limit {
        worstResidual = max(worstResidual, residualNorm / (1 + rhsNorm))
        return true
      }
      if method == .staticPivotLU { refinementShortfalls += 1 }
      // Refinement did not reach the tolerance: refactorise this iteration with pivoting (§3.10 (c)).
      guard dense != nil else {
        worstResidual = max(worstResidual, residualNorm / (1 + rhsNorm))
        return residualNorm.isFinite && residualNorm <= 1e-6 * (1 + rhsNorm)
      }
      denseFallbacks += 1
      guard factorDense() else { return false }
    }
    guard let dense, denseIsCurrent else { return false }
    for i in 0..<rhs.count { solution[i] = rhs[i] }
    dense.solve(&solution)
    var residualNorm = trueResidual(rhs, solution)
    for _ in 0..<2 where residualNorm > limit && residualNorm.isFinite {
      for i in 0..<rhs.count { correction[i] = residual[i] }
      dense.solve(&correction)
      for i in 0..<rhs.count { solution[i] += correction[i] }
      residualNorm = trueResidual(rhs, solution)
    }
    worstResidual = max(worstResidual, residualNorm / (1 + rhsNorm))
    return residualNorm.isFinite
  }

  /// The `luGrowth` report of §3.10 (b) for the result's warnings, or nil when the static-pivot LU never needed
  /// help.
  var growthReport: String? {
    guard method == .staticPivotLU, growthEvents > 0 || refinementShortfalls > 0 else { return nil }
    var text = "luGrowth: the static-pivot LU"
    if growthEvents > 0 {
      text += " exceeded growth \(scientific(growthLimit)) at \(growthEvents) factorisation(s) (largest "
        + "\(scientific(largestGrowth)))"
    }
    if refinementShortfalls > 0 {
      text += (growthEvents > 0 ? " and" : "") + " missed the refinement tolerance at \(refinementShortfalls) solve(s)"
    }
    if dense != nil {
      text += "; \(denseFallbacks) iteration(s) were refactorised with the dense LU"
    } else {
      text += "; N = \(matrix.columnCount) is above denseLimit, so the best sparse solve was kept"
    }
    return text
  }

  /// residual = rhs − J·x; returns its ∞-norm.
  private func trueResidual(_ rhs: [Double], _ x: [Double]) -> Double {
    matrix.multiply(x, into: &residual)
    var norm = 0.0
    for i in 0..<rhs.count {
      residual[i] = rhs[i] - residual[i] - diagonal[i] * x[i]
      norm = max(norm, abs(residual[i]))
    }
    return norm
  }
}
