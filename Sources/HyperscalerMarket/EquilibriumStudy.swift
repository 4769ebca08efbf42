/// A scenario run in the order of §6.6: S0 at the same α first, then ēdef (and εA) from it, then the scheme.
public struct ScenarioOutcome: Sendable {
  /// The S0 run at the same α (the run itself when the scheme is S0).
  public var baseline: EquilibriumRun
  public var run: EquilibriumRun
  public var metrics: EquilibriumMetrics
  public var baselineMetrics: EquilibriumMetrics
}

extension MarketCase {
  /// Solves the scheme `disclosure` (with `ppaShare`) at `alpha`, preceded by the S0 run that fixes ēdef (H27).
  public func solveScenario(
    alpha: Double, disclosure: Disclosure, ppaShare: Double = 0, settings: EquilibriumSettings = EquilibriumSettings()
  ) throws -> ScenarioOutcome {
    let baseline = try EquilibriumSolver.solve(self, terms: MarketTerms(alpha: alpha), settings: settings)
    let baselineMetrics = metrics(baseline)
    guard disclosure != .none else {
      return ScenarioOutcome(baseline: baseline, run: baseline, metrics: baselineMetrics, baselineMetrics: baselineMetrics)
    }
    let terms = MarketTerms(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare, after: baselineMetrics)
    let run = try EquilibriumSolver.solve(self, terms: terms, settings: settings)
    return ScenarioOutcome(baseline: baseline, run: run, metrics: metrics(run), baselineMetrics: baselineMetrics)
  }
}
