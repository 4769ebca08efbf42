import SparseAlgebra

/// Static-pivot sparse LU of K + diag(a) for a square, nonsymmetric K with positive semidefinite symmetric part
/// (solver.md §3.10 (b)): `StaticPivotLU` analyses pattern(K + Kᵀ) with AMD once; each factorisation changes only
/// the diagonal, to K_ii + aᵢ + δ on the whole diagonal, so the factorised matrix has a positive definite symmetric
/// part and every pivot exists. Solves refine against the unregularised K + diag(a) with the nonsymmetric product.
/// Allocation-free after `init`. Not `Sendable`: one per solve.
final class StaticPivotFactor {
  let dimension: Int
  let delta: Double
  /// K, unregularised, for refinement.
  private let matrix: CSCMatrix
  /// K_ii (0 where K stores no diagonal entry).
  private let baseDiagonal: [Double]
  /// The current a.
  private var added: [Double]
  private var shiftedDiagonal: [Double]
  private let lu: StaticPivotLU
  private(set) var lastFactorInfo = StaticPivotLUInfo()
  var refinement = RefinementSettings()

  init(matrix: CSCMatrix, delta: Double) throws {
    let n = matrix.columnCount
    dimension = n
    self.delta = delta
    self.matrix = matrix
    baseDiagonal = (0..<n).map { matrix[$0, $0] }
    added = [Double](repeating: 0, count: n)
    shiftedDiagonal = [Double](repeating: 0, count: n)
    lu = try StaticPivotLU(matrix: matrix)
  }

  /// Stored entries of L (below the diagonal); U has as many above it.
  var factorNonzeros: Int { lu.factorNonzeros }

  /// Factorises K + diag(a) + δI; `add` nil means a = 0. Throws `LDLError` when a pivot fails and
  /// `regularisation` cannot rescue it, or a value overflows. The returned growth feeds the guard of §3.10 (b).
  /// By default a pivot counts as collapsed below min(1e-13, δ/2): every exact pivot is at least δ, and the §5.8
  /// rerun takes δ below 1e-13, where the usual threshold would replace legitimate δ pivots by 2e-7.
  @discardableResult
  func factor(adding add: [Double]?, regularisation: DynamicRegularisation? = nil) throws -> StaticPivotLUInfo {
    let regularisation = regularisation ?? DynamicRegularisation(epsilon: min(1e-13, 0.5 * delta))
    for i in 0..<dimension {
      added[i] = add?[i] ?? 0
      shiftedDiagonal[i] = baseDiagonal[i] + added[i] + delta
    }
    lu.setDiagonal(shiftedDiagonal)
    lastFactorInfo = try lu.factor(regularisation: regularisation)
    return lastFactorInfo
  }

  /// Solves (K + diag(a))·x = rhs with refinement; returns the final ‖rhs − (K + diag(a))·x‖∞ (NaN when a
  /// non-finite value appeared).
  func solve(_ rhs: [Double], into solution: inout [Double]) -> Double {
    let info = lu.solveRefined(rhs, into: &solution, settings: refinement) { [matrix, added] x, y in
      matrix.multiply(x, into: &y)
      for i in 0..<y.count { y[i] += added[i] * x[i] }
    }
    for value in solution where !value.isFinite { return .nan }
    return info.residualNorm
  }
}
