import Foundation

/// The experiments E1–E5 of hyperscaler-market.md §8 on one case. Each S0 run is solved once per α and reused for
/// the ēdef of the schemes at that α (run order of §6.6).
public struct EquilibriumExperiments {
  public let market: MarketCase
  public let settings: ExperimentSettings
  /// Called with one line per solved run (progress on long sweeps).
  public var progress: @Sendable (String) -> Void = { _ in }
  private var baselines: [Double: (run: EquilibriumRun, metrics: EquilibriumMetrics)] = [:]
  private var schemeRuns: [String: EquilibriumRun] = [:]

  public init(market: MarketCase, settings: ExperimentSettings = ExperimentSettings()) {
    self.market = market
    self.settings = settings
  }

  /// The S0 run at `alpha` (cached).
  public mutating func baseline(alpha: Double) throws -> EquilibriumRun { try cachedBaseline(alpha).run }

  /// The daily metrics of the S0 run at `alpha` (cached with it).
  public mutating func baselineMetrics(alpha: Double) throws -> EquilibriumMetrics { try cachedBaseline(alpha).metrics }

  private mutating func cachedBaseline(_ alpha: Double) throws -> (run: EquilibriumRun, metrics: EquilibriumMetrics) {
    if let cached = baselines[alpha] { return cached }
    let run = try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: alpha), settings: settings.equilibrium)
    progress("S0 at α = \(alpha): \(run.hours.count) hours in \(formatted(run.solveSeconds)) s")
    let entry = (run: run, metrics: market.metrics(run))
    baselines[alpha] = entry
    return entry
  }

  /// The terms of a scheme at `alpha`, with ēdef from the S0 run at the same α.
  public mutating func terms(alpha: Double, disclosure: Disclosure, ppaShare: Double) throws -> MarketTerms {
    MarketTerms(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare, after: try baselineMetrics(alpha: alpha))
  }

  /// The run of one scheme at one α (cached; S0 is the baseline).
  public mutating func run(alpha: Double, disclosure: Disclosure, ppaShare: Double = 0) throws -> EquilibriumRun {
    guard disclosure != .none else { return try baseline(alpha: alpha) }
    let key = "\(alpha) \(disclosure.rawValue) \(ppaShare)"
    if let run = schemeRuns[key] { return run }
    let terms = try self.terms(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare)
    let run = try EquilibriumSolver.solve(market, terms: terms, settings: settings.equilibrium)
    progress("\(terms.scenarioLabel) at α = \(alpha): \(run.hours.count) hours in \(formatted(run.solveSeconds)) s")
    schemeRuns[key] = run
    return run
  }

  /// Solves one scheme at one α and returns its row.
  public mutating func row(alpha: Double, disclosure: Disclosure, ppaShare: Double = 0) throws -> ScenarioRow {
    let base = try baseline(alpha: alpha)
    let run = try self.run(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare)
    let metrics = market.metrics(run), reference = try baselineMetrics(alpha: alpha).physicalCO2
    let zero = market.zeroEmissionUnits
    let premiums = run.hours.flatMap { hour in zero.map { hour.premium[$0] } }
    let covers = run.hours.flatMap(\.coverCost)
    var row = ScenarioRow(
      scenario: run.terms.scenarioLabel, alpha: alpha, ppaShare: disclosure == .none ? 0 : ppaShare, metrics: metrics,
      physicalChangePercent: reference > 0 ? 100 * (metrics.physicalCO2 - reference) / reference : 0,
      meanPremium: premiums.isEmpty ? 0 : premiums.reduce(0, +) / Double(premiums.count),
      meanCoverCost: covers.isEmpty ? 0 : covers.reduce(0, +) / Double(covers.count),
      maxIterations: run.iterations.max() ?? 0, solveSeconds: run.solveSeconds)
    if disclosure != .none {
      let eaWithPPA = disclosure == .exAnte && ppaShare > 0
      let other = eaWithPPA ? try self.run(alpha: alpha, disclosure: .exAnte) : base
      row.reference = other.terms.scenarioLabel
      row.spreadFromReference = Self.comparedGroups.reduce(0) {
        max($0, market.spread(of: $1, between: run, and: other))
      }
    }
    return row
  }

  /// The groups that must not move between EP and S0 (V12, E2) or between EA+PPA and EA (V10).
  static let comparedGroups: [QuantityGroup] = [.output, .demand, .ownLoad, .mdcLoad, .flow, .price]

  /// E1: S0 and EP+PPA over the α grid.
  public mutating func alphaSweep() throws -> [ScenarioRow] {
    var rows: [ScenarioRow] = []
    for alpha in settings.sweepAlphas { rows.append(try row(alpha: alpha, disclosure: .none)) }
    for alpha in settings.sweepAlphas {
      rows.append(try row(alpha: alpha, disclosure: .exPost, ppaShare: settings.ppaShare))
    }
    return rows
  }

  /// E2–E4: S0, EP, EA and EP+PPA at each disclosure α, and EA+PPA at α_ref.
  public mutating func disclosureComparison() throws -> [ScenarioRow] {
    var rows: [ScenarioRow] = []
    for alpha in settings.disclosureAlphas {
      rows.append(try row(alpha: alpha, disclosure: .none))
      rows.append(try row(alpha: alpha, disclosure: .exPost))
      rows.append(try row(alpha: alpha, disclosure: .exAnte))
      rows.append(try row(alpha: alpha, disclosure: .exPost, ppaShare: settings.ppaShare))
    }
    rows.append(try row(alpha: settings.referenceAlpha, disclosure: .exAnte, ppaShare: settings.ppaShare))
    return rows
  }

  /// E4 (reported): EP+PPA at α_ref for each PPA share.
  public mutating func ppaSweep() throws -> [ScenarioRow] {
    try settings.ppaSweep.map { try row(alpha: settings.referenceAlpha, disclosure: .exPost, ppaShare: $0) }
  }
}

func formatted(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
