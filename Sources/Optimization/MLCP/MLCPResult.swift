/// Outcome of an MLCP solve (solver.md §5.6–§5.8). Raw values are the strings a CLI prints.
public enum MLCPStatus: String, Sendable, Codable, CaseIterable {
  /// Every residual of §5.6 is within tolerance on the unscaled data.
  case solved = "solved"
  case iterationLimit = "iteration_limit"
  case timeLimit = "time_limit"
  /// 10 consecutive iterations reduced μ by less than the factor 0.9.
  case stalled = "stalled"
  /// The feasibility LP of §5.8 is infeasible: no u satisfies the free rows, the complementary rows' "≥ 0" and
  /// z ≥ 0 at once. `MLCPResult.infeasibility` names the conflicting rows.
  case infeasible = "infeasible"
  /// The pre-check of §5.7 found that the symmetric part of M is indefinite.
  case nonMonotone = "non_monotone"
  case numericalError = "numerical_error"
}

/// A monotonicity violation seen during the iterations (§5.7 step 2): ΔuᵀMΔu < −1e-10‖Δu‖²(1 + ‖M‖max).
public struct MLCPMonotonicityViolation: Sendable, Equatable {
  public let iteration: Int
  /// ΔuᵀM̃Δu / ‖Δu‖² on the scaled data.
  public let curvature: Double
}

/// The result of `MLCPSolver.solve`, unscaled, in the order of the problem's unknowns.
public struct MLCPResult: Sendable {
  public let status: MLCPStatus
  /// u (N): the free x and complementary z, unscaled. For statuses other than `solved` the last iterate.
  public let values: [Double]
  /// F(u) = M·u + q (N), evaluated on the original data. At a solution it is ≈ 0 on free rows and the
  /// complementary slack w ≥ 0 elsewhere.
  public let conditions: [Double]
  public let iterations: Int
  public let solveSeconds: Double
  /// ‖r_f‖∞ = ‖F_free(u)‖∞.
  public let freeResidual: Double
  /// ‖r_c‖∞ = ‖F_comp(u) − w‖∞ with the iterate's w.
  public let complementarityResidual: Double
  /// ν = ‖min(z, w)‖∞.
  public let naturalResidual: Double
  /// μ = zᵀw / n_c (0 when there are no complementary unknowns).
  public let mu: Double
  /// max zᵢwᵢ.
  public let maxProduct: Double
  /// Pairs with max(zᵢ, wᵢ) ≥ 1e-7 and min ≤ 1e-6·max (§5.6).
  public let strictlyComplementaryPairs: Int
  /// Pairs with both zᵢ and wᵢ below 1e-7: the solution may not be unique there (§5.6, §6.5).
  public let degeneratePairs: Int
  public let degeneratePairNames: [String]
  public let newtonMethod: MLCPNewtonMethod?
  /// Iterations that fell back from the sparse factor (sign-symmetric LDLᵀ or static-pivot LU) to the dense LU.
  public let denseFallbacks: Int
  public let monotonicityViolations: [MLCPMonotonicityViolation]
  /// Warnings and recovery events, in order.
  public let warnings: [String]
  /// For `infeasible`: the Farkas diagnosis of the feasibility LP, with the MLCP row names.
  public let infeasibility: InfeasibilityDiagnosis?
  /// One human-readable paragraph: the status and what to do about it.
  public let message: String
  public let names: [String]

  /// The value of the unknown called `name`, or nil.
  public func value(named name: String) -> Double? {
    names.firstIndex(of: name).map { values[$0] }
  }

  /// F_i(u) of the condition paired with the unknown called `name`, or nil.
  public func condition(named name: String) -> Double? {
    names.firstIndex(of: name).map { conditions[$0] }
  }
}
