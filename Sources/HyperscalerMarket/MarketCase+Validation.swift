extension EquilibriumSolver {
  /// Rejects data that would make the equilibrium ill-posed or index outside the case, naming the element and the
  /// value (assumptions A1–A6 of §5).
  static func validate(_ market: MarketCase, _ terms: MarketTerms) throws {
    func fail(_ message: String) -> EquilibriumError { EquilibriumError(hour: nil, message: message) }
    let hours = market.hours, buses = market.network.busCount
    guard (0...1).contains(terms.alpha) else { throw fail("alpha = \(terms.alpha) is outside [0, 1]") }
    guard (0...1).contains(terms.ppaShare) else { throw fail("PPA share = \(terms.ppaShare) is outside [0, 1]") }
    if terms.disclosure != .none {
      guard let intensity = terms.defaultIntensity, intensity.count == hours,
        intensity.allSatisfy({ $0 >= 0 && $0.isFinite })
      else { throw fail("disclosure \(terms.disclosure.rawValue) needs ēdef[t] ≥ 0 for all \(hours) hours") }
    }
    for value in [market.carbonPrice, market.latencyValue, market.unservedValue] where !(value >= 0 && value.isFinite) {
      throw fail("τ, θ and V_U must be finite and ≥ 0 (A6), got \(value)")
    }
    for unit in market.units {
      guard (0..<buses).contains(unit.bus) else { throw fail("unit \(unit.name): bus index \(unit.bus) outside the network") }
      guard unit.quadraticCost >= 0, unit.linearCost.isFinite else {
        throw fail("unit \(unit.name): c2 = \(unit.quadraticCost) must be ≥ 0 (> 0 for unique dispatch, A2)")
      }
      guard unit.availableMW.count == hours, unit.availableMW.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw fail("unit \(unit.name): availability needs \(hours) finite values ≥ 0 MW")
      }
    }
    for (c, load) in market.loads.enumerated() {
      guard (0..<buses).contains(load.bus) else { throw fail("load \(c + 1): bus index \(load.bus) outside the network") }
      guard load.slope.count == hours, load.chokePrice.count == hours,
        load.slope.allSatisfy({ $0 > 0 && $0.isFinite }), load.chokePrice.allSatisfy(\.isFinite)
      else {
        throw fail(
          "load at bus \(market.network.busNumbers[load.bus]): needs \(hours) finite choke prices and slopes b > 0 (A1)")
      }
    }
    for site in market.sites {
      guard (0..<buses).contains(site.bus) else { throw fail("site \(site.name): bus index \(site.bus) outside the network") }
      guard site.quadraticCost >= 0 else {
        throw fail("site \(site.name): o2 = \(site.quadraticCost) must be ≥ 0 (> 0 for unique site loads, A3)")
      }
      guard site.capacity >= 0 else { throw fail("site \(site.name): capacity \(site.capacity) Mreq/h is negative") }
      guard site.energyPerMreq >= 0 else { throw fail("site \(site.name): η = \(site.energyPerMreq) is negative") }
      if let wind = site.windUnit, !market.units.indices.contains(wind) {
        throw fail("site \(site.name): wind unit index \(wind) outside the units")
      }
      if let tie = site.tieBranch, !market.network.branches.indices.contains(tie) {
        throw fail("site \(site.name): tie index \(tie) outside the branches")
      }
    }
    for region in market.regions {
      guard region.demand.count == hours, region.demand.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
        throw fail("region \(region.name): demand needs \(hours) values ≥ 0 Mreq/h")
      }
      guard region.latencyMs.count == market.sites.count else {
        throw fail("region \(region.name): \(region.latencyMs.count) latencies for \(market.sites.count) sites")
      }
    }
    for branch in market.network.branches where !(branch.limitMW > 0) {
      throw fail("branch \(branch.number) (\(branch.fromBus)–\(branch.toBus)): limit \(branch.limitMW) MW must be > 0")
    }
  }
}
