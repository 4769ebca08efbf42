import ArgumentParser
import Foundation
import HyperscalerMarket
import Optimization

/// Times the hyperscaler-market equilibrium, each figure as a ratio to the welfare-QP route on the same problem
/// measured in the same run (the reference), so that the numbers travel between machines.
struct EquilibriumBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-equilibrium",
    abstract: "Time the hyperscaler-market equilibrium (MLCP route) against the welfare-QP route on the same case.",
    discussion: """
      For one scenario, solves the 24-hour S0 equilibrium at --alpha by: the MLCP route (one MLCP per hour), the
      MLCP route with the hours stacked into one block-diagonal MLCP, the welfare-QP route (the reference), and the
      EP+PPA scheme at the scenario's φPPA (the attribute market adds unknowns: 460 per hour instead of 290 on
      rts24-mdc). Then the α sweep of experiment E1 (11 values of α, S0 and
      EP+PPA). Each case runs --repeat times; the table prints medians in seconds and the ratio to the reference,
      and the median and largest interior-point iteration counts per hour.

      Build with -c release before timing anything.

      Example:
        swift run -c release computegrid bench-equilibrium rts24-mdc --repeat 5
      """)

  @Argument(help: "Scenario: a built-in name (rts24-mdc) or a .json file.")
  var scenario: String = "rts24-mdc"

  @Option(help: "Cost-awareness α ∈ (0, 1] of the timed runs.")
  var alpha: Double = 0.5

  @Option(name: .customLong("repeat"), help: "Repetitions per case; times are medians.")
  var repeatCount: Int = 3

  @Flag(help: "Skip the α sweep (22 day-long equilibria).")
  var noSweep = false

  mutating func run() throws {
    guard repeatCount >= 1 else { throw ValidationError("--repeat must be at least 1") }
    guard alpha > 0 && alpha <= 1 else { throw ValidationError("--alpha must be in (0, 1], got \(alpha)") }
    let loaded = try EquilibriumScenario.load(scenario)
    let market = try loaded.makeCase(file: scenario)
    let share = loaded.defaults?.ppaShare ?? 0.97
    let baseline = try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: alpha))
    let baselineMetrics = market.metrics(baseline)
    let ppa = MarketTerms(alpha: alpha, disclosure: .exPost, ppaShare: share, after: baselineMetrics)
    var reference = EquilibriumSettings()
    reference.route = .qp
    var stacked = EquilibriumSettings()
    stacked.stackHours = true
    let cases: [(String, MarketTerms, EquilibriumSettings)] = [
      ("S0, welfare QP (reference)", MarketTerms(alpha: alpha), reference),
      ("S0, MLCP per hour", MarketTerms(alpha: alpha), EquilibriumSettings()),
      ("S0, MLCP stacked 24 h", MarketTerms(alpha: alpha), stacked),
      ("EP+PPA, MLCP per hour", ppa, EquilibriumSettings()),
    ]
    print("case                              seconds   ratio  iterations per solve (median/max)")
    var referenceSeconds = 0.0
    for (name, terms, settings) in cases {
      var seconds: [Double] = []
      var iterations: [Int] = []
      for _ in 0..<repeatCount {
        let run = try EquilibriumSolver.solve(market, terms: terms, settings: settings)
        seconds.append(run.solveSeconds)
        iterations = run.iterations
      }
      let time = median(seconds)
      if referenceSeconds == 0 { referenceSeconds = time }
      let sorted = iterations.sorted()
      print(
        name.padding(toLength: 32, withPad: " ", startingAt: 0)
          + String(format: "  %7.3f  %6.2f  %d/%d", time, time / referenceSeconds, sorted[sorted.count / 2], sorted.last ?? 0))
    }
    guard !noSweep else { return }
    var seconds: [Double] = []
    for _ in 0..<repeatCount {
      let start = ContinuousClock.now
      var experiments = EquilibriumExperiments(market: market)
      _ = try experiments.alphaSweep()
      seconds.append((ContinuousClock.now - start).inSeconds)
    }
    let time = median(seconds)
    print(
      "E1 α sweep (11 α × S0, EP+PPA)".padding(toLength: 32, withPad: " ", startingAt: 0)
        + String(format: "  %7.3f  %6.2f", time, time / referenceSeconds))
  }

  private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
