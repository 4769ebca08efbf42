import SparseAlgebra

/// A solution mapped back to the names of a `Model` (solver.md §1.4, §2.5).
///
/// Dual sign conventions, documented once here:
/// - `multiplier(c)` is y_c of the Lagrangian L = f(x) + Σ y_c·(lhs_c − rhs_c) in the *minimisation* form:
///   y ≥ 0 on ≤ rows, y ≤ 0 on ≥ rows, free on equalities (a range row reports z_upper − z_lower).
/// - `shadowPrice(c)` is π_c = ∂f*/∂rhs_c in the user's objective sense (π = −y·senseSign); for a power balance
///   written generation − flows = demand it is the LMP. This is the sign of HiGHS `row_dual`.
/// - `reducedCost(v)` is ∂f*/∂(active bound of v) in the user's sense (HiGHS `col_dual`).
/// - `sensitivity(to: p)` is ∂f*/∂p = Σ_c π_c·∂rhs_c/∂p, whatever the formulation.
public struct ModelSolution: Sendable {
  public let status: SolveStatus
  /// Objective in the user's sense, constant included (NaN unless (almost) optimal).
  public let objective: Double
  public let values: [Double]
  public let multipliers: [Double]
  public let shadowPrices: [Double]
  public let reducedCosts: [Double]
  public let parameterSensitivities: [Double]
  public let report: SolveReport
  /// For an infeasible model: the constraints a Farkas certificate implicates (§4.8).
  public let infeasibility: InfeasibilityDiagnosis?
  /// For an unbounded model: the direction of unbounded improvement (§4.8).
  public let unboundedness: UnboundednessDiagnosis?
  public let constraintNames: [Name]
  public let variableNames: [Name]

  public func value(_ variable: Variable) -> Double { values[Int(variable.index)] }
  public func multiplier(_ constraint: ConstraintRef) -> Double { multipliers[Int(constraint.index)] }
  public func shadowPrice(_ constraint: ConstraintRef) -> Double { shadowPrices[Int(constraint.index)] }
  public func reducedCost(_ variable: Variable) -> Double { reducedCosts[Int(variable.index)] }
  public func sensitivity(to parameter: Parameter) -> Double { parameterSensitivities[Int(parameter.index)] }

  /// Shadow prices of every constraint whose name has this family.
  public func shadowPrices(family: String) -> [Name: Double] {
    var result: [Name: Double] = [:]
    for (c, name) in constraintNames.enumerated() where name.family == family { result[name] = shadowPrices[c] }
    return result
  }
}

extension LoweredModel {
  /// Maps a canonical solution back to the names of `model` (§2.5):
  /// y_c = Σ rowSide·z, π_c = −y_c·senseSign, sensitivity = senseSign·(−zᵀ∂b/∂p),
  /// reducedCost_j = senseSign·(z_lower − z_upper).
  public func solution(from result: QPSolution, model: Model) -> ModelSolution {
    let hasPoint = result.status == .optimal || result.status == .almostOptimal
    let z = result.z
    func rowValue(_ row: Int32) -> Double {
      row < 0 ? 0 : Double(rowSide[Int(row)]) * z[Int(row)]
    }
    let multipliers = (0..<model.constraintCount).map {
      hasPoint ? rowValue(constraintUpperRow[$0]) + rowValue(constraintLowerRow[$0]) : .nan
    }
    let shadowPrices = multipliers.map { $0 == 0 ? 0 : -$0 * senseSign }
    let reducedCosts = (0..<model.variableCount).map { j -> Double in
      guard hasPoint else { return .nan }
      let upper = boundUpperRow[j] < 0 ? 0 : z[Int(boundUpperRow[j])]
      let lower = boundLowerRow[j] < 0 ? 0 : z[Int(boundLowerRow[j])]
      return senseSign * (lower - upper)
    }
    var sensitivities = [Double](repeating: hasPoint ? 0 : .nan, count: model.parameterCount)
    if hasPoint { parameterRows.multiplyTransposed(z, into: &sensitivities, alpha: -senseSign) }
    let infeasibility = result.farkasCertificate.map { InfeasibilityDiagnosis(certificate: $0, lowered: self, model: model) }
    let unboundedness = result.unboundedRay.map { UnboundednessDiagnosis(ray: $0, lowered: self, model: model) }
    return ModelSolution(
      status: result.status, objective: hasPoint ? senseSign * result.objective : .nan,
      values: hasPoint ? result.x : [Double](repeating: .nan, count: model.variableCount), multipliers: multipliers,
      shadowPrices: shadowPrices, reducedCosts: reducedCosts, parameterSensitivities: sensitivities,
      report: result.report, infeasibility: infeasibility, unboundedness: unboundedness,
      constraintNames: model.constraintNames, variableNames: model.variableNames)
  }
}
