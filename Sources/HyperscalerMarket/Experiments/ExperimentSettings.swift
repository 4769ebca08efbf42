/// The run grid of the experiments of hyperscaler-market.md §8; every default is the spec's ([PROPOSED] in §7.7).
public struct ExperimentSettings: Sendable {
  /// E1 α grid: 0, 0.1, …, 1.
  public var sweepAlphas: [Double] = (0...10).map { Double($0) / 10 }
  /// E2–E4 α values.
  public var disclosureAlphas: [Double] = [0.25, 0.5, 0.75, 1.0]
  /// α_ref.
  public var referenceAlpha = 0.5
  /// φPPA of EP+PPA and EA+PPA.
  public var ppaShare = 0.97
  /// E4 PPA-share sweep at α_ref (reported, not asserted).
  public var ppaSweep: [Double] = [0.25, 0.5, 0.75, 0.9, 0.95, 0.97, 0.99]
  /// E5 scenarios are S0, EP and EP+PPA at these α.
  public var uniquenessAlphas: [Double] = [0.5, 1.0]
  /// E5 interior-point starts: ϱ multipliers, then random starts with these seeds.
  public var startScales: [Double] = [1, 10, 100]
  public var randomSeeds: [UInt64] = [1, 2, 3]
  public var equilibrium = EquilibriumSettings()

  public init() {}
}

/// One (scheme, α) run of an experiment table: the daily metrics plus the comparison with S0 at the same α.
public struct ScenarioRow: Sendable, Codable {
  public var scenario: String
  public var alpha: Double
  public var ppaShare: Double
  public var metrics: EquilibriumMetrics
  /// (Ephys − Ephys(S0)) / Ephys(S0), %.
  public var physicalChangePercent: Double
  /// Mean attribute premium π over zero-emission units and hours, $/MWh (EP only).
  public var meanPremium: Double
  /// Mean cover cost ψ over sites and hours, $/MWh (EP only).
  public var meanCoverCost: Double
  public var maxIterations: Int
  public var solveSeconds: Double
  /// The run this row is compared with: S0 at the same α for EP, EA and EP+PPA; EA for EA+PPA (check V10).
  public var reference: String?
  /// Largest spread from the reference over the physical groups g, d, Y, q, flows and the prices p (all buses),
  /// as `MarketCase.spread` measures them (quantities norm-wise, prices element-wise).
  public var spreadFromReference: Double?
}
