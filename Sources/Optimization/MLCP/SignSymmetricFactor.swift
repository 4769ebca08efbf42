import SparseAlgebra

/// Sparse LDLᵀ of E·(K + diag(a)) for a square K with E·K symmetric (solver.md §3.10 (a)): the upper triangle of
/// E·K is assembled once with every diagonal entry present, ordered by AMD and analysed once; each factorisation
/// changes only the diagonal (through `NumericLDL.updateValues`), adds the static shift δ·eᵢ, and expects pivot
/// signs e. Solves multiply the right-hand side by E and refine against the unregularised E·(K + diag(a)).
/// Allocation-free after `init`. Not `Sendable`: one per solve.
final class SignSymmetricFactor {
  let dimension: Int
  let signs: [Int8]
  let delta: Double
  /// Upper triangle of E·(K + diag(a)) with true (unshifted) values, for refinement.
  private var trueUpper: CSCMatrix
  /// eᵢ·K_ii and the input-entry index of diagonal i in `trueUpper`.
  private let baseDiagonal: [Double]
  private let diagonalSlots: [Int32]
  private let numeric: NumericLDL
  private var shiftedDiagonal: [Double]
  private var signedRHS: [Double]
  private(set) var lastFactorInfo = FactorInfo()
  var refinement = RefinementSettings()

  init(matrix: CSCMatrix, signs: [Int8], delta: Double) throws {
    let n = matrix.columnCount
    dimension = n
    self.signs = signs
    self.delta = delta
    var triplets = TripletBuilder(rowCount: n, columnCount: n, reserve: matrix.nonzeroCount / 2 + 2 * n)
    for column in 0..<n {
      for entry in Int(matrix.columnStarts[column])..<Int(matrix.columnStarts[column + 1]) {
        let row = Int(matrix.rowIndices[entry])
        if row < column { triplets.append(row: row, column: column, value: Double(signs[row]) * matrix.values[entry]) }
      }
    }
    let offDiagonalCount = triplets.count
    for i in 0..<n { triplets.append(row: i, column: i, value: Double(signs[i]) * matrix[i, i]) }
    let (upper, map) = try triplets.makeCSCWithMap()
    trueUpper = upper
    diagonalSlots = Array(map[offDiagonalCount...])
    baseDiagonal = diagonalSlots.map { upper.values[Int($0)] }
    let ordering = ApproximateMinimumDegree.ordering(of: upper)
    let symbolic = try SymbolicLDL(upperTriangle: upper, ordering: .given(ordering))
    numeric = NumericLDL(symbolic: symbolic)
    var initial = upper.values
    for i in 0..<n { initial[Int(diagonalSlots[i])] += Double(signs[i]) * delta }
    numeric.setValues(initial)
    shiftedDiagonal = [Double](repeating: 0, count: n)
    signedRHS = [Double](repeating: 0, count: n)
  }

  /// Stored entries of the factor L (below the diagonal).
  var factorNonzeros: Int { numeric.symbolic.factorNonzeros }

  /// Factorises E·(K + diag(a) + δI); `add` nil means a = 0. Throws `LDLError` when a pivot fails and
  /// `regularisation` cannot rescue it.
  func factor(adding add: [Double]?, regularisation: DynamicRegularisation = DynamicRegularisation()) throws {
    for i in 0..<dimension {
      let sign = Double(signs[i])
      let value = baseDiagonal[i] + sign * (add?[i] ?? 0)
      trueUpper.values[Int(diagonalSlots[i])] = value
      shiftedDiagonal[i] = value + sign * delta
    }
    numeric.updateValues(at: diagonalSlots, shiftedDiagonal)
    lastFactorInfo = try numeric.factor(expectedSigns: signs, regularisation: regularisation)
  }

  /// Solves (K + diag(a))·x = rhs with refinement; returns the final ‖E·rhs − E(K + diag(a))·x‖∞ (NaN when a
  /// non-finite value appeared).
  func solve(_ rhs: [Double], into solution: inout [Double]) -> Double {
    for i in 0..<dimension { signedRHS[i] = Double(signs[i]) * rhs[i] }
    let info = numeric.solveRefined(signedRHS, into: &solution, settings: refinement) { [trueUpper] x, y in
      trueUpper.symmetricMultiply(x, into: &y)
    }
    for value in solution where !value.isFinite { return .nan }
    return info.residualNorm
  }
}
