import Testing

@testable import HyperscalerMarket

/// G2 and G3 of hyperscaler-market.md §9.7: exact values derived by hand in the spec, checked by both routes.
@Suite struct GoldenTwoBusTests {
  struct Expected {
    var alpha: Double, q: Double, y: Double, g1: Double, g2: Double, d: Double, p1: Double, p2: Double
    var lambda: Double, rho: Double?, rent: Double
  }

  static let rows = [
    Expected(alpha: 1, q: 10, y: 0, g1: 110, g2: 100.0 / 3, d: 400.0 / 3, p1: 21, p2: 100.0 / 3,
      lambda: 37.0 / 3, rho: 21, rent: 3700.0 / 3),
    Expected(alpha: 0.5, q: 5, y: 5, g1: 105, g2: 37.5, d: 132.5, p1: 20.5, p2: 33.75, lambda: 13.25, rho: 20.5,
      rent: 1325),
    Expected(alpha: 0, q: 0, y: 10, g1: 100, g2: 125.0 / 3, d: 395.0 / 3, p1: 20, p2: 102.5 / 3, lambda: 42.5 / 3,
      rho: nil, rent: 4250.0 / 3),
  ]

  static func check(_ hour: HourEquilibrium, _ expected: Expected, tolerance: Double = 1e-6) {
    #expect(close(hour.siteLoad[1], expected.q, tolerance), "q[M] = \(hour.siteLoad[1])")
    #expect(close(hour.siteLoad[0], expected.y, tolerance), "Y[H] = \(hour.siteLoad[0])")
    #expect(close(hour.output[0], expected.g1, tolerance), "g1 = \(hour.output[0])")
    #expect(close(hour.output[1], expected.g2, tolerance), "g2 = \(hour.output[1])")
    #expect(close(hour.demand[0], expected.d, tolerance), "d = \(hour.demand[0])")
    #expect(close(hour.price[0], expected.p1, tolerance), "p1 = \(hour.price[0])")
    #expect(close(hour.hubPrice, expected.p1, tolerance), "pH = \(hour.hubPrice)")
    #expect(close(hour.price[1], expected.p2, tolerance), "p2 = \(hour.price[1])")
    #expect(close(hour.flowUpperPrice[0], expected.lambda, tolerance), "λ⁺ = \(hour.flowUpperPrice[0])")
    if let rho = expected.rho { #expect(close(hour.leasePrice[1], rho, tolerance), "ρ = \(hour.leasePrice[1])") }
  }

  @Test(arguments: [EquilibriumRoute.mlcp, .qp], [0, 1, 2])
  func scenarioS0(route: EquilibriumRoute, row: Int) throws {
    let expected = Self.rows[row]
    var settings = EquilibriumSettings()
    settings.route = route
    let market = twoBusCase()
    let run = try EquilibriumSolver.solve(market, terms: MarketTerms(alpha: expected.alpha), settings: settings)
    Self.check(run.hours[0], expected)
    let metrics = market.metrics(run)
    #expect(close(metrics.congestionRent, expected.rent), "CR = \(metrics.congestionRent)")
    if expected.alpha == 0.5 {
      // §9.7: the hyperscaler is indifferent, ρ + ω·5 = η·p2 = 33.75 = ν (scaled).
      #expect(close(run.hours[0].servingValue[0], 33.75), "ν = \(run.hours[0].servingValue[0])")
    }
    #expect(close(metrics.merchandisingSurplus, expected.rent), "−Σ p·inj = \(metrics.merchandisingSurplus)")
  }
}

/// G3 of hyperscaler-market.md §9.7: reshuffling (EP equals S0 physically, reports drop to 0) and the as-produced
/// PPA (EP+PPA moves work to the zero-emission bus). Exact fractions from the spec's derivation.
@Suite struct GoldenReshufflingTests {
  static func solve(_ route: EquilibriumRoute, ppaShare: Double) throws -> ScenarioOutcome {
    var settings = EquilibriumSettings()
    settings.route = route
    return try twoBusCase().solveScenario(alpha: 0.5, disclosure: .exPost, ppaShare: ppaShare, settings: settings)
  }

  @Test(arguments: [EquilibriumRoute.mlcp, .qp])
  func exPostEqualsS0(route: EquilibriumRoute) throws {
    let outcome = try Self.solve(route, ppaShare: 0)
    #expect(close(outcome.run.terms.defaultIntensity![0], 37.5 / 142.5), "ēdef = \(outcome.run.terms.defaultIntensity![0])")
    GoldenTwoBusTests.check(outcome.run.hours[0], GoldenTwoBusTests.rows[1])
    let hour = outcome.run.hours[0]
    #expect(close(hour.premium[0], 0), "π = \(hour.premium[0])")
    #expect(close(hour.claims[0].reduce(0, +), 10), "Σ v = \(hour.claims[0])")
    #expect(close(hour.uncovered.reduce(0, +), 0), "Σ v0 = \(hour.uncovered)")
    #expect(close(outcome.metrics.physicalCO2, 37.5))
    #expect(close(outcome.metrics.reportedCO2, 0), "Erep_H = \(outcome.metrics.reportedCO2)")
    #expect(close(outcome.baselineMetrics.reportedCO2, 10 * 37.5 / 142.5), "Eloc_H(S0) = \(outcome.baselineMetrics.reportedCO2)")
  }

  @Test(arguments: [EquilibriumRoute.mlcp, .qp])
  func ppaMovesWorkToTheZeroEmissionBus(route: EquilibriumRoute) throws {
    let outcome = try Self.solve(route, ppaShare: 0.97)
    let hour = outcome.run.hours[0]
    let premium = 250.0 / 19
    let q = 1495.0 / 209, p1 = 4247.0 / 209
    let expected = GoldenTwoBusTests.Expected(
      alpha: 0.5, q: q, y: 10 - q, g1: 22395.0 / 209, g2: 14925.0 / 418, d: 55535.0 / 418, p1: p1, p2: p1 + 13.25,
      lambda: 13.25, rho: p1 + premium, rent: 1325)
    GoldenTwoBusTests.check(hour, expected)
    #expect(close(hour.premium[0], premium), "π = \(hour.premium[0])")
    #expect(close(hour.backing[0], premium), "γ = \(hour.backing[0])")
    #expect(close(hour.coverCost[0], premium) && close(hour.coverCost[1], premium), "ψ = \(hour.coverCost)")
    #expect(close(hour.servingValue[0], p1 + 13.25 + premium), "ν = \(hour.servingValue[0])")
    #expect(close(hour.attributesSold[0], 13437.0 / 4180), "a = \(hour.attributesSold[0])")
    #expect(close(hour.claims[0].reduce(0, +), 13437.0 / 4180))
    #expect(close(hour.uncovered.reduce(0, +), 10 - 13437.0 / 4180))
    #expect(close(outcome.metrics.physicalCO2, 14925.0 / 418))
    #expect(close(outcome.metrics.reportedCO2, 28363.0 / 15884), "Erep_H = \(outcome.metrics.reportedCO2)")
  }
}

/// Ex-ante disclosure on G2 (α = 0.5, τ = 50, ēdef = 37.5/142.5 from S0), worked by hand from §6.4:
/// - With the MDC declaring ēdef like the own site (no co-located surplus), both sites pay the same charge
///   cA = τ·ēdef·η = 13.1579 $/Mreq, so the split stays S0's and only ν rises by cA: ν = 33.75 + 13.1579.
/// - With the MDC declaring 0 (its co-located unit G1, 1000 MW, exceeds the 100 MW line by more than its 20 MW full
///   load, (H28): φA = 1), routing to M costs ρ + ω·5 = 21 + 13.25 = 34.25 against η·p2 + cA = 33.33 + 13.16 at H,
///   so all 10 Mreq/h go to M: the α = 1 row of G2 (q = 10, p1 = ρ = 21, p2 = 33.33, λ⁺ = 12.33), ν = 34.25, and
///   physical emissions fall from 37.5 to 33.33 t (−11.1 %); reported emissions are ΣεA·E = 0.
@Suite struct GoldenExAnteTests {
  static let intensity = 37.5 / 142.5

  @Test(arguments: [EquilibriumRoute.mlcp, .qp])
  func equalDeclarationsKeepTheSplit(route: EquilibriumRoute) throws {
    let outcome = try twoBusCase().solveScenario(alpha: 0.5, disclosure: .exAnte, settings: settings(route: route))
    let hour = outcome.run.hours[0]
    GoldenTwoBusTests.check(hour, GoldenTwoBusTests.rows[1])
    #expect(close(hour.servingValue[0], 33.75 + 50 * Self.intensity), "ν = \(hour.servingValue[0])")
    #expect(close(outcome.metrics.reportedCO2, 10 * Self.intensity), "Erep_H = \(outcome.metrics.reportedCO2)")
  }

  @Test(arguments: [EquilibriumRoute.mlcp, .qp])
  func zeroDeclarationMovesWorkToTheMDC(route: EquilibriumRoute) throws {
    var market = twoBusCase()
    market.sites[1].windUnit = 0
    market.sites[1].tieBranch = 0
    #expect(market.declaredIntensity(site: 1, hour: 0, defaultIntensity: Self.intensity) == 0)
    let outcome = try market.solveScenario(alpha: 0.5, disclosure: .exAnte, settings: settings(route: route))
    let hour = outcome.run.hours[0]
    var expected = GoldenTwoBusTests.rows[0]
    expected.alpha = 0.5
    GoldenTwoBusTests.check(hour, expected)
    #expect(close(hour.servingValue[0], 34.25), "ν = \(hour.servingValue[0])")
    #expect(close(outcome.metrics.physicalCO2, 100.0 / 3))
    #expect(close(outcome.baselineMetrics.physicalCO2, 37.5))
    #expect(abs(outcome.metrics.reportedCO2) <= 1e-9, "Erep_H = \(outcome.metrics.reportedCO2)")
  }
}
