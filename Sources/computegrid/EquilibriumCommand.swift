import ArgumentParser
import Foundation
import HyperscalerMarket

struct EquilibriumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "equilibrium",
    abstract: "Power-market equilibrium with a hyperscaler and leased modular data centers (MDCs); writes tables and report.html.",
    discussion: """
      The model (hyperscaler-market.md): independent hourly snapshots in
      which price-taking players meet in three markets.
        Players
          producers       thermal, nuclear, hydro and edge wind units choose
                          output (MW)
          consumers       conventional loads choose demand (MW) on a linear
                          inverse demand curve
          hyperscaler     routes inference requests (Mreq/h, 10^6 requests)
                          from user regions to its own data centers or to
                          leased MDCs under latency SLOs (ms); minimises
                          α·money + (1−α)·latency cost
          MDC owners      lease compute (Mreq/h) and buy its energy at the
                          LMP of their (edge) bus
          ISO             clears the DC network (PTDF, line limits in MW)
                          and earns the congestion rent
        Markets
          energy          nodal price p, the LMP ($/MWh), at every bus
          MDC lease       lease price ρ ($/Mreq) per MDC
          attributes      zero-emission attributes, premium π ($/MWh), under
                          ex-post disclosure only
      The players' KKT conditions and the market clearing are stacked into
      one mixed LCP per hour (--route mlcp) or solved as the equivalent
      welfare QP (--route qp). A second route is solved as a check (the welfare
      QP, or the MLCP when --route qp) and the largest relative price
      difference between the two is written as qp_gap_price. Multipliers of
      the hyperscaler (nu, zeta, own-site capacity rent and psi) are those of
      its problem divided by α, i.e. in money units ($/Mreq, $/MWh).

      Schemes (hyperscaler-market.md §6.6); the label goes to summary.json:
        S0       --disclosure none            no disclosure; reports use
                                              the hourly average factor
        EP       --disclosure ex-post         attributes bought after
                                              clearing cover site energy
        EP+PPA   --disclosure ex-post         as EP, with a share φPPA of
                 --ppa 0.97                   zero-emission output under
                                              PPAs to conventional loads
        EA       --disclosure ex-ante         sites declare intensities
                                              ahead, priced at τ ($/tCO2)
        EA+PPA   --disclosure ex-ante         as EA (PPAs do not enter EA)
                 --ppa 0.97
      The spec's φPPA is 0.97 (the scenario's defaults.ppa_share, used by the
      experiments). Every scheme but S0 first solves S0 at the same α, which
      fixes the default emission factor; S0's emissions are reported beside
      the scheme's.

      Output folder (t = hour, 1-based; bus and branch numbers of the case):
        buses.csv     t, bus, lmp_usd_per_mwh, hub_usd_per_mwh,
                      congestion_component_usd_per_mwh (= lmp − hub),
                      demand_mw (conventional loads), injection_mw
        lines.csv     t, branch, from_bus, to_bus, is_tie, flow_mw, limit_mw,
                      lambda_plus, lambda_minus ($/MWh), binding (1 if
                      λ⁺ + λ⁻ ≥ 1e-3 $/MWh)
        units.csv     t, unit, bus, type, output_mw, available_mw,
                      curtailment_mw (wind), co2_t, beta ($/MWh),
                      attributes_sold_mwh, gamma, premium_usd_per_mwh
        sites.csv     t, site, bus, kind, load_mreq_per_h, energy_mw,
                      lease_price_usd_per_mreq (MDCs),
                      capacity_rent_usd_per_mreq, attr_covered_mwh,
                      uncovered_mwh, psi ($/MWh), declared_intensity
                      (tCO2/MWh, EA only), utilization (load/capacity)
        regions.csv   t, region, demand_mreq_per_h, served, unserved
                      (Mreq/h), mean_latency_ms, nu ($/Mreq), zeta
        routing.csv   t, region, site, requests_mreq_per_h, latency_ms
        lmp.csv       LMP ($/MWh): one row per hour, one column per bus
        summary.json  status, iterations, max KKT residual, congestion rent
                      ($/day) and binding line-hours (total, backbone,
                      ties), CO2 (t/day: physical, reported, location-based,
                      gap, residual), curtailment (MWh), hyperscaler cost
                      ($/day) and energy by site (MWh), unserved (Mreq),
                      qp_gap_price, solve_seconds, the [PROPOSED] values used
        report.html   summary table; charts of LMPs, site load, line loading,
                      binding hours, curtailment and emissions
      Progress notes go to standard error, a short summary to standard output.

      Experiments (--experiment, hyperscaler-market.md §8; each point is a
      24-hour equilibrium, all run in about 15 s in a release build):
        e1      α = 0, 0.1, …, 1 for S0 and EP+PPA: e1_alpha_sweep.csv,
                e1_congestion_rent.svg, e1_binding_hours.svg,
                e1_site_energy.svg, e1_curtailment.svg
        e2-e4   S0, EP, EA, EP+PPA at α = 0.25, 0.5, 0.75, 1 and EA+PPA at
                0.5: e2_e4_disclosure.csv, e2_e4_emissions.svg,
                e2_e4_delta.svg; φPPA sweep e4_ppa_sweep.csv; attribute
                premiums e4_premiums.csv
        e5      S0, EP, EP+PPA at α = 0.5 and 1 from six interior-point
                starts, by the welfare QP and by the gap QP:
                e5_uniqueness.csv
        all     every one of them
      Each writes findings.json (the acceptance inequalities of §8, whether
      they hold, and the numbers) and experiments.html. EP+PPA uses the
      scenario's defaults.ppa_share (rts24-mdc: 0.97).

      Examples:
        computegrid equilibrium rts24-mdc --out results/eq-s0
        computegrid equilibrium rts24-mdc --disclosure ex-post --out eq-ep
        computegrid equilibrium rts24-mdc --disclosure ex-post --ppa 0.97 --out eq-ppa
        computegrid equilibrium rts24-mdc --experiment e1 --out eq-e1
        computegrid equilibrium --list
      """)

  @Argument(help: "Scenario: a built-in name (see --list) or a .json scenario file.")
  var scenario: String?

  @Flag(help: "List the built-in equilibrium scenarios and exit.")
  var list = false

  @Option(help: "Cost-awareness α in [0, 1], the hyperscaler's weight on money (default from the scenario, else 0.5).")
  var alpha: Double?

  @Option(help: "CO2 disclosure scheme: none (S0), ex-post (EP) or ex-ante (EA).")
  var disclosure: String = "none"

  @Option(
    help: "PPA share φPPA in [0, 1]: fraction of each zero-emission unit's output contracted to conventional loads; only with a disclosure (default 0).")
  var ppa: Double?

  @Option(
    help: "Route: mlcp (the players' KKT conditions as one MLCP per hour, default), qp (the welfare QP) or gap-qp (the MLCP through the gap QP of solver.md §5.9, looser).")
  var route: String = "mlcp"

  @Flag(help: "Solve the 24 hours as one block-diagonal MLCP instead of one per hour (check V7).")
  var stackHours = false

  @Option(
    help: "Run the experiments of §8 instead of one scheme: e1 (α sweep), e2-e4 (disclosure schemes and PPAs), e5 (uniqueness) or all.")
  var experiment: String?

  @Option(help: "Output folder (created if missing).")
  var out: String?

  func validate() throws {
    if list { return }
    guard scenario != nil else { throw ValidationError("give a SCENARIO (or --list to see the built-in ones)") }
    guard out != nil else { throw ValidationError("give an output folder with --out DIR") }
    if let alpha, !(0...1).contains(alpha) {
      throw ValidationError("--alpha is the hyperscaler's weight on money and must be in [0, 1], got \(alpha)")
    }
    guard Disclosure(rawValue: disclosure) != nil else {
      throw ValidationError("--disclosure must be none, ex-post or ex-ante, got '\(disclosure)'")
    }
    if let experiment {
      guard ExperimentChoice(rawValue: experiment) != nil else {
        throw ValidationError("--experiment must be e1, e2-e4, e5 or all, got '\(experiment)'")
      }
      guard alpha == nil, disclosure == "none", ppa == nil, route == "mlcp", !stackHours else {
        throw ValidationError(
          "--experiment runs its own grid of α and schemes (§8); drop --alpha, --disclosure, --ppa, --route and --stack-hours")
      }
    }
    if stackHours && route != "mlcp" {
      throw ValidationError("--stack-hours applies to the mlcp route only (got --route \(route))")
    }
    guard EquilibriumRoute(rawValue: route) != nil else {
      throw ValidationError("--route must be mlcp, qp or gap-qp, got '\(route)'")
    }
    if let ppa {
      guard (0...1).contains(ppa) else { throw ValidationError("--ppa is a share and must be in [0, 1], got \(ppa)") }
      guard ppa == 0 || disclosure != "none" else {
        throw ValidationError(
          "--ppa \(ppa) needs a disclosure scheme: PPAs only change attribution (EP+PPA with --disclosure ex-post, EA+PPA with --disclosure ex-ante)")
      }
    }
  }

  mutating func run() throws {
    if list {
      print(try Self.listing())
      return
    }
    guard let scenario, let out, let disclosure = Disclosure(rawValue: disclosure),
      let route = EquilibriumRoute(rawValue: route)
    else { return }
    let loaded = try EquilibriumScenario.load(scenario)
    let market = try loaded.makeCase(file: scenario)
    if let experiment, let choice = ExperimentChoice(rawValue: experiment) {
      try runExperiments(choice, market: market, ppaShare: loaded.defaults?.ppaShare, out: out)
      return
    }
    let alpha = self.alpha ?? loaded.defaults?.alpha ?? 0.5
    let ppaShare = disclosure == .none ? 0 : (ppa ?? 0)
    var settings = EquilibriumSettings()
    settings.route = route
    settings.stackHours = stackHours
    let label = MarketTerms(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare).scenarioLabel
    note(
      "\(market.name): \(market.network.busCount) buses, \(market.network.branches.count) branches, "
        + "\(market.units.count) units, \(market.sites.count) sites, \(market.regions.count) regions, "
        + "\(market.hours) hours")
    note(disclosure == .none ? "S0 at α = \(alpha) (route \(route.rawValue)) …" : "S0 at α = \(alpha), then \(label) with ēdef from it (route \(route.rawValue)) …")
    let outcome: ScenarioOutcome
    do {
      outcome = try market.solveScenario(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare, settings: settings)
    } catch var error as EquilibriumError where route == .mlcp {
      error.message += " (the welfare-QP route, --route qp, computes the same equilibrium)"
      throw error
    }
    note("S0 at α = \(alpha) … solved \(market.hours) hours in \(seconds(outcome.baseline.solveSeconds))")
    if disclosure != .none {
      note("\(label) at α = \(alpha) … solved \(market.hours) hours in \(seconds(outcome.run.solveSeconds))")
    }
    let other: EquilibriumRoute = route == .qp ? .mlcp : .qp
    note("checking \(label) by the \(other.rawValue) route and the KKT conditions …")
    let checks = try EquilibriumChecks(market: market, run: outcome.run, settings: settings)
    if let gap = checks.priceGap {
      note("\(other.rawValue) route solved in \(seconds(checks.otherRouteSeconds)); price gap \(String(format: "%.1e", gap))")
    } else {
      note("\(other.rawValue) route failed, so qp_gap_price is null: \(checks.otherRouteError ?? "")")
    }
    note("max KKT residual \(String(format: "%.1e", checks.maxResidual)) (\(checks.worstRow))")
    let folder = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let output = EquilibriumRunOutput(market: market, outcome: outcome, checks: checks, settings: settings)
    try output.write(to: folder)
    note("wrote \(EquilibriumRunOutput.files.joined(separator: ", ")) to \(out)")
    print(output.text)
  }

  private func runExperiments(_ choice: ExperimentChoice, market: MarketCase, ppaShare: Double?, out: String) throws {
    var settings = ExperimentSettings()
    if let ppaShare { settings.ppaShare = ppaShare }
    note("\(market.name): experiments \(choice.rawValue) of hyperscaler-market.md §8 (φPPA = \(settings.ppaShare)) …")
    let output = try EquilibriumExperimentOutput(market: market, settings: settings, choice: choice)
    let folder = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try output.write(to: folder)
    for (name, value) in output.seconds { print("\(name): \(seconds(value))") }
    for finding in output.findings {
      print("\(finding.id) \(finding.holds ? "holds" : "DOES NOT HOLD"): \(finding.statement) — \(finding.detail)")
    }
  }

  private func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

  /// One line per built-in scenario: name, description, default α and PPA share.
  static func listing() throws -> String {
    try EquilibriumScenario.builtInNames.map { name in
      let scenario = try EquilibriumScenario.load(name)
      let defaults = [
        scenario.defaults?.alpha.map { "α = \($0)" }, scenario.defaults?.ppaShare.map { "φPPA = \($0)" },
      ].compactMap { $0 }
      return "\(name)\t\(scenario.description ?? "")" + (defaults.isEmpty ? "" : " Defaults: \(defaults.joined(separator: ", ")).")
    }.joined(separator: "\n")
  }
}
