/// Outcome of a solve (solver.md §4.7). The raw values are the strings printed by `computegrid solve --json`.
public enum SolveStatus: String, Sendable, Codable, CaseIterable {
  case optimal = "optimal"
  case primalInfeasible = "primal_infeasible"
  case dualInfeasible = "dual_infeasible"
  case iterationLimit = "iteration_limit"
  case timeLimit = "time_limit"
  case insufficientProgress = "insufficient_progress"
  case numericalError = "numerical_failure"
  case almostOptimal = "almost_optimal"
  case almostPrimalInfeasible = "almost_primal_infeasible"
  case almostDualInfeasible = "almost_dual_infeasible"

  /// True for `optimal` only: an "almost" status keeps the duals but marks them untrustworthy for prices.
  public var isOptimal: Bool { self == .optimal }
}
