extension EquilibriumSolver {
  /// Rejects data that would make the equilibrium ill-posed, naming the element and value (assumptions A1–A6).
  static func validate(_ market: MarketCase, _ terms: MarketTerms) throws {
    func fail(_ message: String) -> EquilibriumError { EquilibriumError(hour: nil, message: message) }
    guard (0...1).contains(terms.alpha) else { throw fail("alpha = \(terms.alpha) is outside [0, 1]") }
    guard (0..<1).contains(terms.ppaShare) else { throw fail("PPA share = \(terms.ppaShare) is outside [0, 1)") }
    if terms.disclosure != .none {
      guard let intensity = terms.defaultIntensity, intensity.count == market.hours,
        intensity.allSatisfy({ $0 >= 0 && $0.isFinite })
      else { throw fail("disclosure \(terms.disclosure.rawValue) needs ēdef[t] ≥ 0 for all \(market.hours) hours") }
    }
    for unit in market.units {
      guard unit.quadraticCost >= 0, unit.linearCost.isFinite else {
        throw fail("unit \(unit.name): c2 = \(unit.quadraticCost) must be ≥ 0 (> 0 for unique dispatch, A2)")
      }
      guard unit.availableMW.count == market.hours, unit.availableMW.allSatisfy({ $0 >= 0 }) else {
        throw fail("unit \(unit.name): availability needs \(market.hours) values ≥ 0 MW")
      }
    }
    for load in market.loads {
      guard load.slope.count == market.hours, load.slope.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw fail("load at bus \(market.network.busNumbers[load.bus]): slope b must be > 0 in every hour (A1)")
      }
    }
    for site in market.sites {
      guard site.quadraticCost >= 0 else {
        throw fail("site \(site.name): o2 = \(site.quadraticCost) must be ≥ 0 (> 0 for unique site loads, A3)")
      }
      guard site.capacity >= 0 else { throw fail("site \(site.name): capacity \(site.capacity) Mreq/h is negative") }
      guard site.energyPerMreq >= 0 else { throw fail("site \(site.name): η = \(site.energyPerMreq) is negative") }
    }
    for region in market.regions {
      guard region.demand.count == market.hours, region.demand.allSatisfy({ $0 >= 0 }) else {
        throw fail("region \(region.name): demand needs \(market.hours) values ≥ 0 Mreq/h")
      }
    }
    for branch in market.network.branches where !(branch.limitMW > 0) {
      throw fail("branch \(branch.number) (\(branch.fromBus)–\(branch.toBus)): limit \(branch.limitMW) MW must be > 0")
    }
  }
}
