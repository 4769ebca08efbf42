import ArgumentParser
import CloudMarket
import Coordination
import Foundation
import Scenarios

struct StudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study",
    abstract: "Before/after study of the peer-to-peer cloud market: runs without and with the market, writes report.html.",
    discussion: """
      Runs the exchange-ADMM coordination twice — without the market and with it (cleared by the dual consensus
      ADMM, or centrally with --market central) — and compares per-data-center profit ($/day and %), total
      energy (MWh), LMPs at the data-center buses by hour ($/MWh), trades between data centers (kreq/s), hours in
      which a data center runs all its servers, and iteration counts, beside the figures of the source paper and
      of the spec's exact-equilibrium run (datacenter-market.md §9).

      DIR receives report.html (self-contained, SVG charts), study.json, study.csv, and the full coordinate
      output of each run in DIR/baseline and DIR/market.

      Example:
        computegrid study ieee30-4dc --out results/study
      """)

  @Argument(help: "Scenario: a built-in name or a .json file.")
  var scenario: String

  @Option(help: "Market clearing inside the loop: admm (dual consensus ADMM, default) or central.")
  var market: String = "admm"

  @Option(help: "Output folder (created if missing).")
  var out: String

  mutating func run() throws {
    guard ["admm", "central"].contains(market) else { throw ValidationError("--market must be admm or central") }
    let (text, file) = try Scenario.text(of: scenario)
    let loaded = try Scenario.decode(text, file: file)
    let setup = try CoordinationSetup(scenario: loaded, file: file)
    var options = CoordinationSettings()
    options.rho = loaded.coordination.rho
    options.toleranceMW = loaded.coordination.toleranceMw
    options.priceTolerance = loaded.coordination.priceTolerance
    options.maxIterations = loaded.coordination.maxIterations
    options.voll = loaded.coordination.voll
    var settings = MarketSettings()
    if let limit = loaded.market?.pairLimitKreqS { settings.pairLimit = limit }
    let started = ContinuousClock.now
    note("baseline: no market")
    let baseline = try setup.exchangeADMM(options, market: .none, progress: note)
    let baselineJoint = try setup.solveJoint()
    note("with the market (\(market))")
    let mode: MarketMode = market == "central" ? .central(settings) : .admm(settings)
    let withMarket = try setup.exchangeADMM(options, market: mode, progress: note)
    let marketJoint = try setup.solveJoint(market: settings)
    let check = market == "admm" ? try setup.marketWelfareGap(prices: withMarket.dataCenterPrices, market: settings) : nil
    let seconds = DCOPFSeconds.since(started)
    let folder = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, outcome, joint, label, gap) in [
      ("baseline", baseline, baselineJoint, "none", nil as (gap: Double, iterations: Int)?),
      ("market", withMarket, marketJoint, market, check),
    ] {
      let sub = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
      try CoordinationReport(
        scenario: loaded, setup: setup, outcome: outcome, joint: joint, market: label, welfareGap: gap, seconds: seconds
      ).write(to: sub)
    }
    let study = StudyReport(
      scenario: loaded, setup: setup, baseline: baseline, market: withMarket, baselineJoint: baselineJoint,
      marketJoint: marketJoint, clearing: market, welfareGap: check?.gap ?? 0, seconds: seconds)
    try study.write(to: folder)
    print(study.text)
  }
}
