import Optimization
import Testing

@testable import HyperscalerMarket

/// V6, V7, V16 and the KKT residuals on two hours of rts24-mdc (04:00 and 17:00, a night hour with curtailed wind
/// behind full ties and the evening peak), in every scheme: the MLCP assembled from the players' rows and the
/// welfare QP assembled from (H18) must describe the same equilibrium.
@Suite struct RouteAgreementTests {
  static let hours = [3, 16]
  static let cases: [(Double, Disclosure, Double)] = [0.25, 0.5, 1.0].flatMap { alpha in
    [(alpha, Disclosure.none, 0.0), (alpha, .exPost, 0), (alpha, .exAnte, 0), (alpha, .exPost, 0.97)]
  }

  static func terms(_ market: MarketCase, _ alpha: Double, _ disclosure: Disclosure, _ ppa: Double) throws -> MarketTerms {
    guard disclosure != .none else { return MarketTerms(alpha: alpha) }
    let baseline = try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: alpha), settings: settings(hours: hours))
    return MarketTerms(alpha: alpha, disclosure: disclosure, ppaShare: ppa, after: market.metrics(baseline))
  }

  /// V6: quantities to 1e-7 (norm-wise over the day), prices p, pH, λ±, ρ (active MDCs) and π to 1e-6.
  @Test(arguments: 0..<12)
  func mlcpEqualsWelfareQP(index: Int) throws {
    let (alpha, disclosure, ppa) = Self.cases[index]
    let market = try rts24Case()
    let terms = try Self.terms(market, alpha, disclosure, ppa)
    let mlcp = try EquilibriumSolver.solve(market, terms: terms, settings: settings(hours: Self.hours))
    let qp = try EquilibriumSolver.solve(market, terms: terms, settings: settings(hours: Self.hours, route: .qp))
    for group in QuantityGroup.allCases where !group.isInformational {
      let spread = market.spread(of: group, between: mlcp, and: qp)
      #expect(spread <= (group.isPrice ? 1e-6 : 1e-7), "\(terms.scenarioLabel) α = \(alpha): \(group.rawValue) \(spread)")
    }
  }

  /// KKT residuals of (K1)–(K21) evaluated independently of either solver, and V16 (status solved, max z·w small).
  @Test(arguments: 0..<12)
  func residualsAtTheSolution(index: Int) throws {
    let (alpha, disclosure, ppa) = Self.cases[index]
    let market = try rts24Case()
    let terms = try Self.terms(market, alpha, disclosure, ppa)
    for route in [EquilibriumRoute.mlcp, .qp] {
      let run = try EquilibriumSolver.solve(market, terms: terms, settings: settings(hours: Self.hours, route: route))
      for hour in run.hours {
        // Each row against 1 + |q_i|, its own constant (MW, $/MWh or $/Mreq).
        let residuals = try market.kktResiduals(hour, terms: terms)
        let tolerance = 1e-7
        #expect(residuals.relative <= tolerance, "\(route) \(terms.scenarioLabel) t\(hour.hour + 1): \(residuals)")
        if route == .mlcp {
          let problem = try EquilibriumSolver.hourMLCP(market, terms: terms, hour: hour.hour)
          #expect(residuals.maxProduct <= 1e-8 * (1 + problem.constant.reduce(0) { max($0, abs($1)) }))
        }
      }
    }
  }

  /// V7: the hours stacked into one block-diagonal MLCP give the per-hour solution.
  @Test func stackedEqualsHourly() throws {
    let market = try rts24Case()
    let terms = try Self.terms(market, 0.5, .exPost, 0.97)
    var stacked = settings(hours: Self.hours)
    stacked.stackHours = true
    let one = try EquilibriumSolver.solve(market, terms: terms, settings: stacked)
    let each = try EquilibriumSolver.solve(market, terms: terms, settings: settings(hours: Self.hours))
    for group in QuantityGroup.allCases where !group.isInformational {
      let spread = market.spread(of: group, between: one, and: each)
      #expect(spread <= 1e-7, "\(group.rawValue) \(spread)")
    }
  }
}
