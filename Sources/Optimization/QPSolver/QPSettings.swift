/// Centring rule of the predictor–corrector step (solver.md §4.4).
public enum CentringRule: String, Sendable, Codable {
  /// σ = (μ_aff/μ)³ (Mehrotra).
  case mehrotraCubic
  /// σ = (1 − α_aff)³ (Clarabel/ECOS).
  case stepBased
}

/// Fill-reducing ordering of the KKT matrix.
public enum KKTOrdering: String, Sendable, Codable {
  /// Approximate minimum degree (default).
  case amd
  /// Natural order (for tests and diagnosis).
  case natural
}

/// Every setting of the QP/LP interior-point solver, with the defaults of solver.md §4.14.
/// Tolerances apply to unscaled quantities (§4.7).
public struct QPSettings: Sendable, Equatable {
  /// Iteration limit (default 200).
  public var maxIterations = 200
  /// Wall-clock limit in seconds (default ∞).
  public var timeLimit = Double.infinity
  /// Fraction of the distance to the boundary taken by a step (default 0.99).
  public var maxStepFraction = 0.99
  /// Duality gap tolerances, absolute and relative (default 1e-8).
  public var tolGapAbs = 1e-8
  public var tolGapRel = 1e-8
  /// Primal and dual feasibility tolerance, relative to data size (default 1e-8).
  public var tolFeasibility = 1e-8
  /// Infeasibility certificate tolerances (default 1e-8).
  public var tolInfeasAbs = 1e-8
  public var tolInfeasRel = 1e-8
  /// κ/τ above which an infeasibility certificate is accepted (default 1e9). [PROPOSED in solver.md §4.14]
  public var kappaTauThreshold = 1e9
  /// Relaxed tolerances for the "almost" statuses: gap, feasibility, infeasibility.
  public var reducedTolGap = 5e-5
  public var reducedTolFeasibility = 1e-4
  public var reducedTolInfeas = 5e-5
  /// Centring rule (default Mehrotra's cubic rule).
  public var centring = CentringRule.mehrotraCubic
  /// Modified Ruiz equilibration (default on, 10 passes, cumulative scaling within [1e-4, 1e4]).
  public var equilibrate = true
  public var equilibrateIterations = 10
  public var equilibrateMinScaling = 1e-4
  public var equilibrateMaxScaling = 1e4
  /// Static regularisation δ = ε_abs + ε_rel·max|K_jj| (defaults 1e-8, 4.9e-32).
  public var staticRegularisationAbs = 1e-8
  public var staticRegularisationRel = 4.9e-32
  /// Dynamic regularisation of collapsed pivots: threshold and replacement (defaults 1e-13, 2e-7).
  public var dynamicRegularisationEps = 1e-13
  public var dynamicRegularisationDelta = 2e-7
  /// Iterative refinement against the unregularised KKT matrix (1e-12 / 1e-13 / 10 steps / stop ratio 5).
  public var refinementAbsTol = 1e-12
  public var refinementRelTol = 1e-13
  public var refinementMaxIterations = 10
  public var refinementStopRatio = 5.0
  /// Ordering of the KKT matrix (default AMD) and AMD's dense-row factor (default 10).
  public var ordering = KKTOrdering.amd
  public var amdDenseFactor = 10.0

  /// Active-set polish after the interior-point solve (solver.md §6.4): exact duals on nondegenerate problems;
  /// the polished point is kept only if no residual or the gap gets worse (default off, on in `priceGrade`).
  public var polish = false
  /// Regularisation of the reduced KKT system of the polish step (default 1e-9).
  public var polishRegularisation = 1e-9
  /// Reduced solves the polish may make while correcting its active-set guess (default 4).
  public var polishRounds = 4

  public init() {}

  /// Tighter tolerances for price studies (solver.md §6.1): gap and feasibility 1e-9.
  public static var priceGrade: QPSettings {
    var settings = QPSettings()
    settings.tolGapAbs = 1e-9
    settings.tolGapRel = 1e-9
    settings.tolFeasibility = 1e-9
    settings.polish = true
    return settings
  }
}
