/// Every setting of the monotone MLCP interior-point solver (solver.md §5), with its default.
/// Tolerances apply to unscaled data (§5.6).
public struct MLCPSettings: Sendable, Equatable {
  /// Termination tolerance ε of §5.6 (default 1e-9): ‖r_f‖∞ ≤ ε(1 + ‖q₁‖∞), ‖r_c‖∞ ≤ ε(1 + ‖q₂‖∞),
  /// ‖min(z, w)‖∞ ≤ ε(1 + ‖q‖∞).
  public var tolerance = 1e-9
  /// Iteration limit (default 100).
  public var maxIterations = 100
  /// Wall-clock limit in seconds (default ∞).
  public var timeLimit = Double.infinity
  /// Fraction of the distance to the boundary taken by a step (default 0.99, §5.4).
  public var maxStepFraction = 0.99
  /// Wide-neighbourhood constant γ: min zᵢwᵢ ≥ γ·μ after a step (default 1e-3, §5.4).
  public var neighbourhood = 1e-3
  /// β of the infeasible-IPM residual rule ‖r‖/‖r⁰‖ ≤ β·μ/μ⁰ (default 1 + 1e-2, §5.4).
  public var residualRatioSlack = 1 + 1e-2
  /// Stall rule: stop as `stalled` after this many consecutive iterations (default 10) that each reduce μ by
  /// less than the factor `stallFactor` (default 0.9, i.e. μ_new > 0.9·μ_old).
  public var stallIterations = 10
  public var stallFactor = 0.9

  /// Symmetric Ruiz scaling of §5.10 (default on, 10 passes, cumulative scaling clipped to [1e-4, 1e4]).
  public var scale = true
  public var scalingIterations = 10
  public var scalingMin = 1e-4
  public var scalingMax = 1e4

  /// Multiplies the start ϱ = max(1, ‖q̃₂‖∞) of §5.5: z₀ = w₀ = startScale·ϱ·e (default 1; the uniqueness
  /// experiment of hyperscaler-market.md §9.2 uses 1, 10 and 100).
  public var startScale = 1.0
  /// When set, z₀ and w₀ are drawn entry by entry as startScale·ϱ·U[0.1, 10] with `SplitMix64(seed:)` instead of
  /// the constant start (random positive starts of the uniqueness experiment).
  public var randomStartSeed: UInt64? = nil

  /// The pre-check of §5.7 (factorise S + εI, S = ½(M + Mᵀ)). nil (default) means "on when N ≤ 200 000".
  public var checkMonotonicity: Bool? = nil
  /// Solve even when the pre-check proves M is not monotone (default false). The solver then uses the dense
  /// pivoting LU (N ≤ `denseLimit`; the static-pivot LU needs a positive semidefinite symmetric part) and warns
  /// that convergence and uniqueness are not guaranteed.
  public var allowNonMonotone = false

  /// Static regularisation of the sign-symmetric LDLᵀ (§3.10 (a), hyperscaler-market.md §9.3):
  /// ±δ on the diagonal with δ = staticRegularisation·(1 + max|M̃ᵢᵢ|) on the scaled M (default 1e-8). Never tied
  /// to the wᵢ/zᵢ entries. Refinement runs against the unregularised matrix.
  public var staticRegularisation = 1e-8
  /// Static regularisation of the static-pivot sparse LU (§3.10 (b)), used when M has no signature:
  /// +δ on the whole diagonal with δ = luStaticRegularisation·(1 + max|M̃ᵢᵢ|) on the scaled M (default 1e-12).
  /// Never tied to the wᵢ/zᵢ entries (they reach 1e10 and more near the solution). Refinement runs against the
  /// unregularised J with the nonsymmetric product.
  public var luStaticRegularisation = 1e-12
  /// Growth threshold of the static-pivot LU (§3.10 (b)): factorisations whose max|L_ij| or max|U_ij| (unit factors)
  /// exceeds it are reported in the result's warnings as `luGrowth` (default 1e10). Unlike the spec's rule, growth
  /// alone does not switch to the dense LU: refinement decides (zero-diagonal price rows give growth ≈ 1/δ at every
  /// iteration, and refinement still reaches 1e-10 there).
  public var luGrowthLimit = 1e10
  /// Use the static-pivot LU (§3.10 (b)) even when M has a signature: skips the signature detection
  /// (default false; tests and a second sparse path).
  public var preferStaticPivotLU = false
  /// The Newton solve counts as failed when refinement leaves ‖J·Δu − r‖∞ above this times (1 + ‖r‖∞); the
  /// iteration is then refactorised with the dense pivoting LU (default 1e-10, §3.10).
  public var refinementTolerance = 1e-10
  /// Largest N for the dense LU (default 1500, §3.10 (c)): the per-iteration fallback of the sparse methods, and
  /// the limit of `forceDenseLU` and `allowNonMonotone`.
  public var denseLimit = 1500
  /// Forces the dense pivoting LU for every Newton system (tests, second path; N ≤ `denseLimit`).
  public var forceDenseLU = false
  /// When the §5.8 trouble signs appear, run the feasibility LP to tell infeasibility from numerical failure
  /// (default true).
  public var detectInfeasibility = true

  public init() {}

  /// Whether the monotonicity pre-check runs for an MLCP of `dimension` unknowns.
  public func runsMonotonicityCheck(dimension: Int) -> Bool { checkMonotonicity ?? (dimension <= 200_000) }
}
