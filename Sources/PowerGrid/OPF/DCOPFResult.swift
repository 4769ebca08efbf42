import Optimization

/// The DC-OPF result of one hourly period. Bus arrays are indexed by internal bus index (case file order),
/// branch and generator arrays by case row (0 for out-of-service elements).
public struct DCOPFPeriodResult: Sendable {
  /// Generation cost of the period ($/h, constants of the cost polynomials included).
  public var objectiveUSDPerHour: Double
  /// LMP = ∂(optimal cost)/∂(demand at the bus) ($/MWh); NaN at isolated buses.
  public var lmp: [Double]
  /// Energy component: the LMP of the bus's island reference bus, where the PTDF column is zero ($/MWh).
  public var lmpEnergy: [Double]
  /// Congestion component: −Σ_l H[l,n]·(μ⁺_l − μ⁻_l) with reference-bus PTDFs ($/MWh); energy + congestion = LMP.
  public var lmpCongestion: [Double]
  /// Dispatch per case generator row (MW).
  public var generatorMW: [Double]
  /// Dispatch and curtailment of each renewable unit (MW).
  public var renewableMW: [Double]
  public var curtailmentMW: [Double]
  /// Flow at the from end per case branch row (MW).
  public var branchFlowMW: [Double]
  /// Per case branch row: μ⁺ − μ⁻ of its flow window ($/MWh per MW of window; 0 where none binds).
  public var branchShadowPriceUSDPerMWh: [Double]
  /// 0-based case rows of branches at a limit (|flow| within 1e-4 MW of its window, datacenter-market.md §4).
  public var bindingBranches: [Int]
  /// Σ_n LMP_n·(demand_n − generation_n) ($/h).
  public var congestionRentUSDPerHour: Double
  /// Demand per bus as modelled (MW).
  public var demandMW: [Double]
}

/// The result of a DC-OPF run.
public struct DCOPFResult: Sendable {
  public var status: SolveStatus
  /// Total cost over the horizon ($; Σ of the periods' $/h × 1 h).
  public var objectiveUSD: Double
  public var periods: [DCOPFPeriodResult]
  /// The constraints an infeasibility certificate implicates, as a readable message (nil when feasible).
  public var infeasibilityMessage: String?
  public var report: SolveReport
  public var buildSeconds: Double
  public var solveSeconds: Double
  public var variableCount: Int
  public var constraintCount: Int
}
