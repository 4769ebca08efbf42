import ArgumentParser
import CloudMarket
import Coordination
import DataCenters
import Foundation
import Scenarios

struct CoordinateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coordinate",
    abstract: "Coordinate data-center schedules with grid prices (bi-level LMP loop) and write tables to a folder.",
    discussion: """
      Each data center schedules servers, cooling and batch work for profit at its bus's LMP; the grid re-prices
      as data-center load moves. Methods (--coordination):
        admm       grid–DC exchange ADMM (datacenter-market.md §7.4, default): only prices and power proposals
                   cross between the grid and the operators; converges to the joint equilibrium.
        bisection  the source paper's loop (§7.1 plain iteration, §7.2 oscillation detection and interval
                   bisection); it stops short of the equilibrium on ieee30-4dc, so the run reports its active
                   interval limits and its gap measured without them.
      Every run also solves the exact joint problem J1 (§7.3) and reports its distance to it (joint_gap_lmp,
      $/MWh, max over buses and hours).

      Output folder: summary.json, lmp.csv (bus × hour, $/MWh, energy and congestion parts), data_centers.csv
      (power split MW, servers, work kreq/s, temperature °C, price, profit $ per hour), iterations.csv, lines.csv.
      A progress line per outer iteration goes to standard error.

      Example:
        computegrid coordinate ieee30-4dc --market none --out results/baseline
      """)

  @Argument(help: "Scenario: a built-in name (\(Scenario.builtInNames.joined(separator: ", "))) or a .json file.")
  var scenario: String

  @Option(
    help: "Cloud service market: none (each data center serves its own interactive work), central (welfare clearing M7) or admm (dual consensus ADMM).")
  var market: String = "none"

  @Option(help: "Coordination method: admm (default from the scenario) or bisection.")
  var coordination: String?

  @Option(help: "Exchange-ADMM penalty ρ_g in $/MWh per MW (default from the scenario, 2).")
  var rho: Double?

  @Option(help: "Outer-iteration limit (default from the scenario).")
  var maxIterations: Int?

  @Option(help: "Output folder (created if missing).")
  var out: String

  mutating func run() throws {
    guard ["none", "central", "admm"].contains(market) else {
      throw ValidationError("--market must be none, central or admm, got '\(market)'")
    }
    let (text, file) = try Scenario.text(of: scenario)
    let loaded = try Scenario.decode(text, file: file)
    var options = CoordinationSettings()
    options.rho = rho ?? loaded.coordination.rho
    options.toleranceMW = loaded.coordination.toleranceMw
    options.priceTolerance = loaded.coordination.priceTolerance
    options.maxIterations = maxIterations ?? loaded.coordination.maxIterations
    options.voll = loaded.coordination.voll
    let method = coordination ?? loaded.coordination.method
    guard ["admm", "bisection"].contains(method) else {
      throw ValidationError("--coordination must be admm or bisection, got '\(method)'")
    }
    guard options.rho > 0, options.maxIterations > 0 else {
      throw ValidationError("--rho and --max-iterations must be positive")
    }
    var marketSettings = MarketSettings()
    if let limit = loaded.market?.pairLimitKreqS { marketSettings.pairLimit = limit }
    let mode: MarketMode =
      market == "central" ? .central(marketSettings) : market == "admm" ? .admm(marketSettings) : .none
    guard method == "admm" || market == "none" else {
      throw ValidationError("--coordination bisection runs without a market; use --coordination admm with --market \(market)")
    }
    let started = ContinuousClock.now
    let setup = try CoordinationSetup(scenario: loaded, file: file)
    note("\(loaded.name): \(loaded.dataCenters.count) data centers, \(loaded.periods) hours, coordination \(method), market \(market)")
    let outcome =
      method == "admm"
      ? try setup.exchangeADMM(options, market: mode, progress: note) : try setup.bisectionLoop(options, progress: note)
    note("solving the joint reference J1…")
    let joint = try setup.solveJoint(market: mode.settings)
    var welfareGap: (gap: Double, iterations: Int)? = nil
    if case .admm = mode {
      note("checking the consensus ADMM (cold start) against the central clearing at the final prices…")
      welfareGap = try setup.marketWelfareGap(prices: outcome.dataCenterPrices, market: marketSettings)
    }
    let seconds = DCOPFSeconds.since(started)
    let folder = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let report = CoordinationReport(
      scenario: loaded, setup: setup, outcome: outcome, joint: joint, market: mode.name, welfareGap: welfareGap,
      seconds: seconds)
    try report.write(to: folder)
    print(report.text)
  }
}

enum DCOPFSeconds {
  static func since(_ start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return elapsed.inSeconds
  }
}

struct ScenarioCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenario",
    abstract: "List, show or check coordination scenarios.",
    discussion: """
      Scenario files are JSON; Sources/Scenarios/README.md documents every field with its unit.
      Examples:
        computegrid scenario list
        computegrid scenario show ieee30-4dc > my.json     # copy, edit, then:
        computegrid scenario check my.json
      """,
    subcommands: [List.self, Show.self, Check.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Names of the built-in scenarios.")
    func run() { print(Scenario.builtInNames.joined(separator: "\n")) }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a scenario's JSON (built-in name or file).")
    @Argument(help: "Scenario name or .json file.") var scenario: String
    func run() throws { print(try Scenario.text(of: scenario).text, terminator: "") }
  }

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Validate a scenario and its network.")
    @Argument(help: "Scenario name or .json file.") var scenario: String
    func run() throws {
      let (text, file) = try Scenario.text(of: scenario)
      let loaded = try Scenario.decode(text, file: file)
      _ = try CoordinationSetup(scenario: loaded, file: file)
      print("\(file): valid (\(loaded.dataCenters.count) data centers, \(loaded.periods) periods)")
    }
  }
}
