import SparseAlgebra

/// The canonical convex QP of solver.md §1.1 (an LP when P = 0):
///
///     minimise ½xᵀPx + qᵀx + objectiveConstant   subject to  Ax + s = b,  s ∈ {0}^equalityCount × ℝ₊^(m − equalityCount)
///
/// Rows `0..<equalityCount` are equalities, the rest inequalities `aᵢᵀx ≤ bᵢ`. P is symmetric positive
/// semidefinite, stored as its upper triangle. The dual multiplier z satisfies Px + q + Aᵀz = 0, z ≥ 0 on the
/// inequality rows and free on equality rows; ∂f*/∂bᵢ = −zᵢ (solver.md §1.4).
public struct CanonicalQP: Sendable {
  /// Upper triangle of P, n × n.
  public var quadratic: CSCMatrix
  /// q, length n.
  public var linear: [Double]
  /// A, m × n.
  public var constraints: CSCMatrix
  /// b, length m.
  public var rightHandSide: [Double]
  /// Number of leading equality rows.
  public var equalityCount: Int
  /// Constant added to reported objectives; the solver itself ignores it except in the gap test (§4.7).
  public var objectiveConstant: Double

  public init(
    quadratic: CSCMatrix? = nil, linear: [Double], constraints: CSCMatrix, rightHandSide: [Double],
    equalityCount: Int, objectiveConstant: Double = 0
  ) {
    self.quadratic = quadratic ?? .zeros(rowCount: linear.count, columnCount: linear.count)
    self.linear = linear
    self.constraints = constraints
    self.rightHandSide = rightHandSide
    self.equalityCount = equalityCount
    self.objectiveConstant = objectiveConstant
  }

  public var variableCount: Int { linear.count }
  public var rowCount: Int { rightHandSide.count }
  public var inequalityCount: Int { rowCount - equalityCount }
  public var isLinear: Bool { quadratic.values.allSatisfy { $0 == 0 } }

  /// Checks shapes, finiteness and that P is stored as an upper triangle.
  public func validate() throws {
    let n = variableCount
    let m = rowCount
    func fail(_ detail: String) -> QPError { QPError.invalidProblem(detail) }
    guard quadratic.rowCount == n, quadratic.columnCount == n else {
      throw fail("P is \(quadratic.rowCount)×\(quadratic.columnCount), expected \(n)×\(n)")
    }
    guard quadratic.isUpperTriangular else { throw fail("P must be stored as its upper triangle") }
    guard constraints.rowCount == m, constraints.columnCount == n else {
      throw fail("A is \(constraints.rowCount)×\(constraints.columnCount), expected \(m)×\(n)")
    }
    guard equalityCount >= 0, equalityCount <= m else { throw fail("equalityCount \(equalityCount) outside 0…\(m)") }
    if let bad = linear.firstIndex(where: { !$0.isFinite }) { throw fail("q[\(bad)] = \(linear[bad]) is not finite") }
    if let bad = rightHandSide.firstIndex(where: { !$0.isFinite }) {
      throw fail("b[\(bad)] = \(rightHandSide[bad]) is not finite")
    }
    if let bad = constraints.values.firstIndex(where: { !$0.isFinite }) { throw fail("A entry \(bad) is not finite") }
    if let bad = quadratic.values.firstIndex(where: { !$0.isFinite }) { throw fail("P entry \(bad) is not finite") }
    guard objectiveConstant.isFinite else { throw fail("objective constant \(objectiveConstant) is not finite") }
  }
}

/// Errors thrown before or instead of an iteration (a solve that runs reports its outcome as a `SolveStatus`).
public enum QPError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalidProblem(String)

  public var description: String {
    switch self {
    case .invalidProblem(let detail): return "invalid QP: \(detail)"
    }
  }
}
