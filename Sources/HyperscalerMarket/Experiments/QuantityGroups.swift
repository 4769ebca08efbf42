/// The groups of unique objects of the uniqueness theorem (§5, item 2) and the prices, as compared across runs by
/// check V6 and experiment E5. Quantities are compared norm-wise, ‖Δx‖∞ / max(1, ‖x‖∞) over the day (an interior
/// point leaves a variable at its bound at ~1e-6 of its scale, so an element-wise ratio near zero measures the end
/// point, not the answer); prices element-wise, |Δp| / max(1, |p|), so near zero they are absolute in $/unit.
public enum QuantityGroup: String, Sendable, CaseIterable, Codable {
  case output = "g"
  case demand = "d"
  case ownLoad = "Y"
  case mdcLoad = "q"
  case injection = "inj"
  case flow = "flows"
  case physicalCO2 = "Ephys"
  case loadBusPrice = "p_load_buses"
  case price = "p_all_buses"
  case congestionPrice = "lambda"
  case leasePrice = "rho_active_mdcs"
  case premium = "pi"
  case routing = "y"
  case claims = "v"

  /// Groups whose spread is reported but not asserted (§5: the split of y among regions and the claims v are not
  /// unique).
  public var isInformational: Bool { self == .routing || self == .claims }
  public var isPrice: Bool {
    [.loadBusPrice, .price, .congestionPrice, .leasePrice, .premium].contains(self)
  }
}

extension MarketCase {
  /// The values of `group` over the day, flattened (hour-major).
  func values(of group: QuantityGroup, in run: EquilibriumRun) -> [Double] {
    let loadBuses = Set(loads.map(\.bus))
    return run.hours.flatMap { hour -> [Double] in
      switch group {
      case .output: return hour.output
      case .demand: return hour.demand
      case .ownLoad: return ownSites.map { hour.siteLoad[$0] }
      case .mdcLoad: return modularSites.map { hour.siteLoad[$0] }
      case .injection: return hour.injection
      case .flow: return flows(hour)
      case .physicalCO2: return [units.indices.reduce(0) { $0 + units[$1].emissionRate * hour.output[$1] }]
      case .loadBusPrice: return hour.price.indices.filter { loadBuses.contains($0) }.map { hour.price[$0] }
      case .price: return hour.price + [hour.hubPrice]
      case .congestionPrice: return hour.flowUpperPrice + hour.flowLowerPrice
      case .leasePrice: return modularSites.map { hour.leasePrice[$0] }
      case .premium: return zeroEmissionUnits.map { hour.premium[$0] }
      case .routing: return hour.routed
      case .claims: return hour.claims.flatMap { $0 }
      }
    }
  }

  /// The largest relative difference of `group` between two runs of the same terms (see `QuantityGroup`). Lease
  /// prices count only where the MDC is active in both runs (an idle MDC's ρ is not unique, §5).
  public func spread(of group: QuantityGroup, between first: EquilibriumRun, and second: EquilibriumRun) -> Double {
    let a = values(of: group, in: first), b = values(of: group, in: second)
    if group.isPrice {
      var active = Array(repeating: true, count: a.count)
      if group == .leasePrice {
        let loadsA = values(of: .mdcLoad, in: first), loadsB = values(of: .mdcLoad, in: second)
        active = zip(loadsA, loadsB).map { min($0, $1) > 1e-6 }
      }
      return a.indices.filter { active[$0] }.reduce(0) { max($0, abs(a[$1] - b[$1]) / max(1, abs(b[$1]))) }
    }
    let scale = max(1, b.reduce(0) { max($0, abs($1)) })
    return a.indices.reduce(0) { max($0, abs(a[$1] - b[$1])) } / scale
  }
}
