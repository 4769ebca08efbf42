import Foundation
import Optimization
import PowerGrid
import Testing

@testable import HyperscalerMarket

/// The built-in case `rts24-mdc` (hyperscaler-market.md §7) and the checks V3 and V5 of §10.
@Suite struct RTS24CaseTests {
  static let market: MarketCase = try! EquilibriumScenario.load("rts24-mdc").makeCase()

  @Test func sizesOfSection7() {
    let market = Self.market
    #expect(market.network.busCount == 30)
    #expect(market.network.branches.count == 44)
    #expect(market.units.count == 38)
    #expect(market.zeroEmissionUnits.count == 14)
    #expect(market.loads.count == 17)
    #expect(market.eligiblePairs.count == 19)
    #expect(abs(market.units.filter { !$0.isWind }.reduce(0) { $0 + $1.availableMW[0] } - 3405) < 1e-9)
  }

  @Test func printDay() throws {
    var settings = EquilibriumSettings()
    settings.route = .qp
    let run = try EquilibriumSolver.solve(Self.market, terms: MarketTerms(alpha: 0.5), settings: settings)
    let m = Self.market.metrics(run)
    print("CR", m.congestionRent, "BLH", m.bindingLineHours, "CURT", m.curtailmentMWh, "Ephys", m.physicalCO2, "own", m.ownSiteEnergyMWh, "mdc", m.mdcEnergyMWh, "iters", run.iterations)
  }
}
