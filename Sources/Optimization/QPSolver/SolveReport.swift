/// One line of the iteration log.
public struct IterationRecord: Sendable, Equatable {
  public var iteration: Int
  public var primalObjective: Double
  public var dualObjective: Double
  /// Relative primal and dual residuals (§4.7).
  public var primalResidual: Double
  public var dualResidual: Double
  public var relativeGap: Double
  public var mu: Double
  public var kappaOverTau: Double
  /// Step length taken in this iteration (0 for the record of the final point).
  public var step: Double
}

/// Diagnostics of one QP/LP solve: residuals, regularisation, refinement, sizes and timings (§4.8).
public struct SolveReport: Sendable {
  public var iterations = 0
  public var primalResidual = Double.nan
  public var dualResidual = Double.nan
  public var absoluteGap = Double.nan
  public var relativeGap = Double.nan
  public var mu = Double.nan
  public var kappaOverTau = Double.nan
  /// Pivots replaced by dynamic regularisation over the whole solve.
  public var regularisedPivots = 0
  public var refinementSteps = 0
  public var worstRefinementResidual = 0.0
  /// Static regularisation δ of the last factorisation.
  public var staticRegularisation = 0.0
  public var kktDimension = 0
  public var kktNonzeros = 0
  public var factorNonzeros = 0
  /// Seconds in setup (scaling, KKT assembly, ordering, symbolic analysis), numeric factorisations, and in all.
  public var setupSeconds = 0.0
  public var factorSeconds = 0.0
  public var totalSeconds = 0.0
  /// Recovery events and warnings, each with its iteration.
  public var events: [String] = []
  /// True when the dual solution is probably not unique (§6.5): prices may be one point of an interval.
  public var dualDegenerate = false
  public var log: [IterationRecord] = []
  /// "off", "accepted", or "rejected: reason" (solver.md §6.4).
  public var polish = "off"

  public init() {}
}

/// The outcome of `QPSolver.solve`, in the canonical (unscaled) space.
public struct QPSolution: Sendable {
  public var status: SolveStatus
  /// Primal point x, slacks s and multipliers z (Px + q + Aᵀz = 0); meaningful for (almost) optimal statuses.
  public var x: [Double]
  public var s: [Double]
  public var z: [Double]
  /// ½xᵀPx + qᵀx + constant, and the dual objective −½xᵀPx − bᵀz + constant.
  public var objective: Double
  public var dualObjective: Double
  /// For primal infeasibility: z ∈ K* with Aᵀz ≈ 0 and bᵀz < 0, scaled so max|zᵢ| = 1 (§4.8).
  public var farkasCertificate: [Double]?
  /// For dual infeasibility: a ray x with Px ≈ 0, Ax ∈ −K, qᵀx = −1 (§4.8).
  public var unboundedRay: [Double]?
  public var report: SolveReport
}
