import ArgumentParser
import Foundation
import HyperscalerMarket

struct EquilibriumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "equilibrium",
    abstract: "Power-market equilibrium with a hyperscaler and leased modular data centers (MDCs); writes tables and report.html.",
    discussion: """
      The model (hyperscaler-market.md): every hour is an independent snapshot in which price-taking players meet
      in three markets.
        players   producers (thermal, nuclear, hydro, edge wind) choose output; conventional consumers choose demand
                  (linear inverse demand); the hyperscaler routes inference requests (Mreq/h) from user regions to
                  its own data centers or to leased MDCs under latency SLOs, minimising α·money + (1−α)·latency cost;
                  each MDC owner leases compute and buys its energy at its bus; the ISO clears a DC network (PTDF,
                  line limits) and earns the congestion rent.
        markets   nodal energy (LMP p, $/MWh) at every bus; MDC lease (ρ, $/Mreq); under ex-post disclosure also
                  zero-emission attributes (premium π, $/MWh).
      The players' KKT conditions and the clearing rows are stacked into one mixed LCP per hour and solved by the
      interior-point MLCP solver (--route mlcp), or the equivalent welfare QP is solved (--route qp). The other
      route is solved too and its price gap is reported (qp_gap_price).

      Disclosure schemes (§6.6); the label is printed and written to summary.json:
        S0       --disclosure none: no disclosure; reported emissions use the hourly average factor.
        EP       --disclosure ex-post --ppa 0: sites cover energy with zero-emission attributes after clearing.
        EP+PPA   --disclosure ex-post --ppa 0.97: a share φPPA of zero-emission output goes to conventional loads.
        EA       --disclosure ex-ante --ppa 0: sites declare intensities before the market, priced at τ.
        EA+PPA   --disclosure ex-ante --ppa 0.97: as EA (PPAs do not enter EA).
      Every scheme except S0 first solves S0 at the same α, which fixes the default factor ēdef[t] (H27); its
      emissions are reported beside the scheme's. Without --ppa a scheme with disclosure uses the scenario's
      default PPA share (rts24-mdc: 0.97, so --disclosure ex-post alone is EP+PPA; add --ppa 0 for EP).

      Output folder (t is the hour, 1-based; buses and branches carry their case numbers):
        buses.csv    t, bus, lmp_usd_per_mwh, hub_usd_per_mwh, congestion_component_usd_per_mwh (= lmp − hub),
                     demand_mw (conventional consumers), injection_mw (net injection)
        lines.csv    t, branch, from_bus, to_bus, is_tie, flow_mw, limit_mw, lambda_plus, lambda_minus ($/MWh),
                     binding (1 if λ⁺ + λ⁻ ≥ 1e-3 $/MWh)
        units.csv    t, unit, bus, type, output_mw, available_mw, curtailment_mw (wind), co2_t, beta ($/MWh),
                     attributes_sold_mwh, gamma, premium_usd_per_mwh (π)
        sites.csv    t, site, bus, kind, load_mreq_per_h, energy_mw, lease_price_usd_per_mreq (MDCs),
                     capacity_rent_usd_per_mreq (σ of an MDC, scaled δ of an own site), attr_covered_mwh,
                     uncovered_mwh (v0), psi ($/MWh), declared_intensity (εA, tCO2/MWh; EA only)
        regions.csv  t, region, demand_mreq_per_h, served, unserved (Mreq/h), mean_latency_ms, nu ($/Mreq),
                     zeta ($/(Mreq·ms))
        routing.csv  t, region, site, requests_mreq_per_h, latency_ms (every eligible pair)
        lmp.csv      LMP matrix, $/MWh: one row per hour, one column per bus
        summary.json status, iterations, max KKT residual, congestion rent ($/day) and binding line-hours (total,
                     backbone, ties), emissions (tCO2/day: physical, reported, location-based, gap, residual),
                     curtailment (MWh), hyperscaler cost ($/day) and energy by site (MWh), unserved (Mreq),
                     qp_gap_price, solve time, degenerate pairs, the [PROPOSED] parameters in use
        report.html  summary table and charts: LMP heatmap, site load by site, line loading and binding hours,
                     curtailment, emissions of S0 and the scheme
      Progress notes go to standard error; a short summary to standard output.

      Examples:
        computegrid equilibrium rts24-mdc --out results/eq-s0
        computegrid equilibrium rts24-mdc --alpha 0.5 --disclosure ex-post --ppa 0 --out results/eq-ep
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
    help: "PPA share φPPA in [0, 1): fraction of each zero-emission unit's output contracted to conventional loads; only with a disclosure (default from the scenario, else 0).")
  var ppa: Double?

  @Option(help: "Route: mlcp (stacked KKT conditions, default) or qp (welfare QP).")
  var route: String = "mlcp"

  @Flag(help: "Solve the 24 hours as one block-diagonal MLCP instead of one per hour (check V7).")
  var stackHours = false

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
    guard EquilibriumRoute(rawValue: route) != nil else {
      throw ValidationError("--route must be mlcp or qp, got '\(route)'")
    }
    if let ppa {
      guard (0..<1).contains(ppa) else { throw ValidationError("--ppa is a share and must be in [0, 1), got \(ppa)") }
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
    let alpha = self.alpha ?? loaded.defaults?.alpha ?? 0.5
    let ppaShare = disclosure == .none ? 0 : (ppa ?? loaded.defaults?.ppaShare ?? 0)
    guard (0..<1).contains(ppaShare) else {
      throw ValidationError("the scenario's default PPA share \(ppaShare) is outside [0, 1); give --ppa")
    }
    var settings = EquilibriumSettings()
    settings.route = route
    settings.stackHours = stackHours
    let label = MarketTerms(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare).scenarioLabel
    note(
      "\(market.name): \(market.network.busCount) buses, \(market.network.branches.count) branches, "
        + "\(market.units.count) units, \(market.sites.count) sites, \(market.regions.count) regions, "
        + "\(market.hours) hours")
    note(disclosure == .none ? "S0 at α = \(alpha) (route \(route.rawValue)) …" : "S0 at α = \(alpha), then \(label) with ēdef from it (route \(route.rawValue)) …")
    let outcome = try market.solveScenario(alpha: alpha, disclosure: disclosure, ppaShare: ppaShare, settings: settings)
    note("S0 at α = \(alpha) … solved \(market.hours) hours in \(seconds(outcome.baseline.solveSeconds))")
    if disclosure != .none {
      note("\(label) at α = \(alpha) … solved \(market.hours) hours in \(seconds(outcome.run.solveSeconds))")
    }
    let other: EquilibriumRoute = route == .mlcp ? .qp : .mlcp
    note("checking \(label) by the \(other.rawValue) route and the KKT conditions …")
    let checks = try EquilibriumChecks(market: market, run: outcome.run, settings: settings)
    note(
      String(
        format: "%@ route solved in %@; price gap %.1e; max KKT residual %.1e (%@)", other.rawValue,
        seconds(checks.otherRouteSeconds), checks.priceGap, checks.maxResidual, checks.worstRow))
    let folder = URL(fileURLWithPath: out)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let output = EquilibriumRunOutput(market: market, outcome: outcome, checks: checks, settings: settings)
    try output.write(to: folder)
    note("wrote \(EquilibriumRunOutput.files.joined(separator: ", ")) to \(out)")
    print(output.text)
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
