/// Quantities and prices of one hour at an equilibrium, in the units of hyperscaler-market.md §2, by whichever
/// route (MLCP or QP) computed them. Arrays are indexed like the case's arrays; entries that do not exist in the
/// scenario (e.g. attributes outside EP, lease prices of own sites) are 0. Multipliers of the hyperscaler (ν, δ, ζ,
/// ψ[h]) are the scaled ones of (H3s).
public struct HourEquilibrium: Sendable {
  public var hour: Int
  // Quantities.
  /// g[j], MW.
  public var output: [Double]
  /// d[c], MW, per conventional load.
  public var demand: [Double]
  /// y[(r,s)], Mreq/h, per eligible pair (`MarketCase.eligiblePairs`).
  public var routed: [Double]
  /// u[r], Mreq/h.
  public var unserved: [Double]
  /// L[s] = Y[h] or q[m], Mreq/h, per site.
  public var siteLoad: [Double]
  /// a[j], MWh/h, per unit.
  public var attributesSold: [Double]
  /// v[j][s], MWh/h.
  public var claims: [[Double]]
  /// v0[s], MWh/h.
  public var uncovered: [Double]
  /// inj[i], MW.
  public var injection: [Double]
  // Prices and multipliers.
  /// p[i], $/MWh.
  public var price: [Double]
  /// pH, $/MWh.
  public var hubPrice: Double
  /// λ⁺[k], λ⁻[k], $/MWh.
  public var flowUpperPrice: [Double]
  public var flowLowerPrice: [Double]
  /// ρ[m], $/Mreq, per site (0 for own sites).
  public var leasePrice: [Double]
  /// β[j], $/MWh.
  public var capacityRent: [Double]
  /// σ[m] for MDCs, δ[h] for own sites, $/Mreq (δ scaled).
  public var siteRent: [Double]
  /// ν[r] (scaled), $/Mreq.
  public var servingValue: [Double]
  /// ζ[r] (scaled), $/(Mreq·ms).
  public var latencyPrice: [Double]
  /// γ[j], π[j], $/MWh, per unit.
  public var backing: [Double]
  public var premium: [Double]
  /// ψ[s], $/MWh.
  public var coverCost: [Double]
  /// χ of the α = 0 stage 2 (0 otherwise).
  public var budgetPrice: Double

  init(hour: Int, market: MarketCase) {
    let units = market.units.count, sites = market.sites.count, buses = market.network.busCount
    let branches = market.network.branches.count, regions = market.regions.count
    self.hour = hour
    output = Array(repeating: 0, count: units)
    demand = Array(repeating: 0, count: market.loads.count)
    routed = Array(repeating: 0, count: market.eligiblePairs.count)
    unserved = Array(repeating: 0, count: regions)
    siteLoad = Array(repeating: 0, count: sites)
    attributesSold = Array(repeating: 0, count: units)
    claims = Array(repeating: Array(repeating: 0, count: sites), count: units)
    uncovered = Array(repeating: 0, count: sites)
    injection = Array(repeating: 0, count: buses)
    price = Array(repeating: 0, count: buses)
    hubPrice = 0
    flowUpperPrice = Array(repeating: 0, count: branches)
    flowLowerPrice = Array(repeating: 0, count: branches)
    leasePrice = Array(repeating: 0, count: sites)
    capacityRent = Array(repeating: 0, count: units)
    siteRent = Array(repeating: 0, count: sites)
    servingValue = Array(repeating: 0, count: regions)
    latencyPrice = Array(repeating: 0, count: regions)
    backing = Array(repeating: 0, count: units)
    premium = Array(repeating: 0, count: units)
    coverCost = Array(repeating: 0, count: sites)
    budgetPrice = 0
  }
}

extension MarketCase {
  /// flow[k] = Σ_i PTDF[k,i]·inj[i], MW.
  public func flows(_ hour: HourEquilibrium) -> [Double] {
    network.ptdf.map { row in zip(row, hour.injection).reduce(0) { $0 + $1.0 * $1.1 } }
  }

  /// E[s] = η[s]·L[s], MW.
  public func siteEnergy(_ hour: HourEquilibrium) -> [Double] {
    sites.indices.map { sites[$0].energyPerMreq * hour.siteLoad[$0] }
  }
}
