import SparseAlgebra

/// How the Newton systems of an MLCP solve were factorised (solver.md §3.10).
public enum MLCPNewtonMethod: String, Sendable, Codable {
  /// (a) sparse LDLᵀ of E·J for a signature E with E·M symmetric (AMD once, numeric refactorisation per iteration).
  case signSymmetric
  /// (c) dense LU with partial pivoting (no signature, non-monotone M allowed, or forced).
  case denseLU
}

/// The Newton matrix J = M̃ + diag(0_free, W Z⁻¹) of solver.md §3.10 / §5.2 on the scaled data, and its solves.
/// Option (a) when a signature exists; dense LU (c) otherwise, and for single iterations whose sparse solve
/// fails to refine to `refinementTolerance`. Option (b) (static-pivot sparse LU) is not implemented.
final class MLCPNewtonSystem {
  let matrix: CSCMatrix
  let method: MLCPNewtonMethod
  private let sparse: SignSymmetricFactor?
  private let dense: DenseLU?
  private let refinementTolerance: Double
  /// Current diag(0_free, w/z).
  private var diagonal: [Double]
  private var denseIsCurrent = false
  private var residual: [Double]
  private var correction: [Double]
  /// Iterations (factorisations) that fell back from (a) to the dense LU.
  private(set) var denseFallbacks = 0
  /// Largest relative residual of an accepted solve.
  private(set) var worstResidual = 0.0

  enum SetupError: Error {
    case tooLargeForDense(Int)
    case analysis(String)
  }

  init(matrix: CSCMatrix, signs: [Int8]?, settings: MLCPSettings, delta: Double) throws(SetupError) {
    self.matrix = matrix
    let n = matrix.columnCount
    refinementTolerance = settings.refinementTolerance
    diagonal = [Double](repeating: 0, count: n)
    residual = [Double](repeating: 0, count: n)
    correction = [Double](repeating: 0, count: n)
    if let signs, !settings.forceDenseLU {
      do {
        sparse = try SignSymmetricFactor(matrix: matrix, signs: signs, delta: delta)
      } catch {
        throw .analysis("\(error)")
      }
      method = .signSymmetric
      dense = n <= settings.denseLimit ? DenseLU(dimension: n) : nil
    } else {
      guard n <= settings.denseLimit else { throw .tooLargeForDense(n) }
      sparse = nil
      method = .denseLU
      dense = DenseLU(dimension: n)
    }
  }

  /// Factorises J for the given diag(0_free, w/z). False only when no method could factorise it.
  func factor(diagonal newDiagonal: [Double]) -> Bool {
    for i in 0..<diagonal.count { diagonal[i] = newDiagonal[i] }
    denseIsCurrent = false
    if let sparse {
      do {
        try sparse.factor(adding: diagonal)
        return true
      } catch {
        return factorDense()
      }
    }
    return factorDense()
  }

  private func factorDense() -> Bool {
    guard let dense else { return false }
    denseIsCurrent = dense.factor(matrix, diagonal: diagonal)
    return denseIsCurrent
  }

  /// Solves J·x = rhs. False when the solution is not finite or no method reaches a usable accuracy.
  func solve(_ rhs: [Double], into solution: inout [Double]) -> Bool {
    let rhsNorm = Vector.infNorm(rhs)
    let limit = refinementTolerance * (1 + rhsNorm)
    if let sparse, !denseIsCurrent {
      let residualNorm = sparse.solve(rhs, into: &solution)
      if residualNorm.isFinite && residualNorm <= limit {
        worstResidual = max(worstResidual, residualNorm / (1 + rhsNorm))
        return true
      }
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
