import SparseAlgebra

/// Which user element a canonical row came from (solver.md §2.5).
public enum RowOrigin: Sendable, Hashable {
  case constraint(Int32)
  case upperBound(Int32)
  case lowerBound(Int32)
}

/// A model lowered to canonical form, with the maps that carry solutions and duals back to names (§2.5).
public struct LoweredModel: Sendable {
  public internal(set) var problem: CanonicalQP
  /// +1 for "lhs ≤ rhs" or "=", −1 for a negated "≥" row or a lower bound.
  public let rowSide: [Int8]
  public let rowOrigin: [RowOrigin]
  /// Per user constraint, its "≤"-side row (or equality row) and its "≥"-side row; −1 when absent.
  public let constraintUpperRow: [Int32]
  public let constraintLowerRow: [Int32]
  /// Per variable, its upper-bound row (or fixed-value equality row) and its lower-bound row; −1 when absent.
  public let boundUpperRow: [Int32]
  public let boundLowerRow: [Int32]
  /// ∂b/∂p: rows × parameters.
  public let parameterRows: CSCMatrix
  /// +1 when the user minimises, −1 when the user maximises (the solver always minimises).
  public let senseSign: Double
  /// Warnings found while lowering (e.g. dropped constraints without variables).
  public let warnings: [String]
}

extension Model {
  static let infiniteSide = 1e20

  /// Lowers to the canonical QP of solver.md §1.1–1.2: equality rows first (equality constraints, equal-sided
  /// ranges, fixed variables), then general inequality rows, then the bound block (upper bounds, then lower bounds).
  public func lower() throws -> LoweredModel {
    try checkNames()
    let n = variableCount
    var warnings: [String] = []
    func isFinite(_ side: Double) -> Bool { abs(side) < Self.infiniteSide }

    // Classify every user row: (constraint, side, rhs) in canonical order.
    struct PendingRow {
      var origin: RowOrigin
      var side: Int8
      var rhs: Double
    }
    var equalities: [PendingRow] = []
    var inequalities: [PendingRow] = []
    for c in 0..<constraintCount {
      let name = constraintNames[c]
      let constant = lhsConstant(of: ConstraintRef(index: Int32(c)))
      var (lower, upper) = relations[c].bounds
      guard !lower.isNaN, !upper.isNaN, constant.isFinite else {
        throw ModelError.nonFinite(name: name.description, detail: "right-hand side or constant")
      }
      guard lower <= upper else { throw ModelError.invalidBounds(name: name.description, lower: lower, upper: upper) }
      lower -= constant
      upper -= constant
      if termStarts[c] == termStarts[c + 1] {
        if (isFinite(lower) && lower > 1e-9 * (1 + abs(lower))) || (isFinite(upper) && upper < -1e-9 * (1 + abs(upper))) {
          throw ModelError.trivialInfeasibility(
            name: name.description, detail: "0 \(relations[c].symbol) \(relationText(lower: lower, upper: upper))")
        }
        warnings.append("\(name) has no variables and always holds; dropped")
        continue
      }
      let origin = RowOrigin.constraint(Int32(c))
      if isFinite(lower) && isFinite(upper) && lower == upper {
        equalities.append(PendingRow(origin: origin, side: 1, rhs: upper))
        continue
      }
      if isFinite(upper) { inequalities.append(PendingRow(origin: origin, side: 1, rhs: upper)) }
      if isFinite(lower) { inequalities.append(PendingRow(origin: origin, side: -1, rhs: -lower)) }
    }
    var upperBounds: [PendingRow] = []
    var lowerBounds: [PendingRow] = []
    for j in 0..<n {
      let lower = variableLower[j]
      let upper = variableUpper[j]
      guard !lower.isNaN, !upper.isNaN, lower <= upper, lower < .infinity, upper > -.infinity else {
        throw ModelError.invalidBounds(name: variableNames[j].description, lower: lower, upper: upper)
      }
      if isFinite(lower) && isFinite(upper) && lower == upper {
        equalities.append(PendingRow(origin: .upperBound(Int32(j)), side: 1, rhs: upper))
        continue
      }
      if isFinite(upper) { upperBounds.append(PendingRow(origin: .upperBound(Int32(j)), side: 1, rhs: upper)) }
      if isFinite(lower) { lowerBounds.append(PendingRow(origin: .lowerBound(Int32(j)), side: -1, rhs: -lower)) }
    }
    let rows = equalities + inequalities + upperBounds + lowerBounds
    let m = rows.count

    var constraintUpper = [Int32](repeating: -1, count: constraintCount)
    var constraintLower = [Int32](repeating: -1, count: constraintCount)
    var boundUpper = [Int32](repeating: -1, count: n)
    var boundLower = [Int32](repeating: -1, count: n)
    var matrix = TripletBuilder(rowCount: m, columnCount: n, reserve: termVariables.count + n)
    var parameterMatrix = TripletBuilder(rowCount: m, columnCount: parameterCount)
    for (r, row) in rows.enumerated() {
      let side = Double(row.side)
      switch row.origin {
      case .constraint(let c):
        let ci = Int(c)
        if row.side > 0 { constraintUpper[ci] = Int32(r) } else { constraintLower[ci] = Int32(r) }
        for t in termStarts[ci]..<termStarts[ci + 1] {
          let coefficient = termCoefficients[t]
          guard coefficient.isFinite else {
            throw ModelError.nonFinite(name: constraintNames[ci].description, detail: "coefficient \(coefficient)")
          }
          matrix.append(row: r, column: Int(termVariables[t]), value: side * coefficient)
        }
        for t in parameterTermStarts[ci]..<parameterTermStarts[ci + 1] {
          parameterMatrix.append(row: r, column: Int(parameterTermIndices[t]), value: -parameterTermCoefficients[t] * side)
        }
      case .upperBound(let j):
        boundUpper[Int(j)] = Int32(r)
        matrix.append(row: r, column: Int(j), value: 1)
      case .lowerBound(let j):
        boundLower[Int(j)] = Int32(r)
        matrix.append(row: r, column: Int(j), value: -1)
      }
    }
    let senseSign: Double = sense == .minimise ? 1 : -1
    var quadratic = TripletBuilder(rowCount: n, columnCount: n, reserve: quadraticRows.count)
    for k in 0..<quadraticRows.count {
      quadratic.append(row: Int(quadraticRows[k]), column: Int(quadraticColumns[k]), value: senseSign * quadraticCoefficients[k])
    }
    let linear = objectiveCoefficients.map { senseSign * $0 }
    if let bad = linear.firstIndex(where: { !$0.isFinite }) {
      throw ModelError.nonFinite(name: variableNames[bad].description, detail: "objective coefficient")
    }
    let problem = CanonicalQP(
      quadratic: try quadratic.makeCSC(), linear: linear, constraints: try matrix.makeCSC(),
      rightHandSide: rows.map(\.rhs), equalityCount: equalities.count, objectiveConstant: senseSign * objectiveConstant)
    return LoweredModel(
      problem: problem, rowSide: rows.map(\.side), rowOrigin: rows.map(\.origin), constraintUpperRow: constraintUpper,
      constraintLowerRow: constraintLower, boundUpperRow: boundUpper, boundLowerRow: boundLower,
      parameterRows: try parameterMatrix.makeCSC(), senseSign: senseSign, warnings: warnings)
  }

  private func relationText(lower: Double, upper: Double) -> String {
    lower == upper ? "\(upper)" : "[\(lower), \(upper)]"
  }

  /// Names are unique within variables, within constraints and within parameters (§2.4).
  private func checkNames() throws {
    for names in [variableNames, constraintNames, parameterNames] {
      var seen = Set<Name>()
      seen.reserveCapacity(names.count)
      for name in names where !seen.insert(name).inserted { throw ModelError.duplicateName(name.description) }
    }
  }

  /// Lowers and solves with the interior-point method; throws only for invalid models.
  public func solve(settings: QPSettings = QPSettings()) throws -> ModelSolution {
    let lowered = try lower()
    let solution = try QPSolver.solve(lowered.problem, settings: settings)
    return lowered.solution(from: solution, model: self)
  }
}
