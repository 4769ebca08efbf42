extension HourLayout {
  /// Reads one hour's quantities and prices from an MLCP solution vector.
  func extract(_ u: [Double], market: MarketCase) -> HourEquilibrium {
    var result = HourEquilibrium(hour: hour, market: market)
    func read(_ index: Int) -> Double { index >= 0 ? u[index] : 0 }
    result.output = output.map(read)
    result.demand = demand.map(read)
    result.routed = routed.map(read)
    result.unserved = unserved.map(read)
    for s in market.sites.indices {
      result.siteLoad[s] =
        market.sites[s].kind == .own ? pairs(atSite: s).reduce(0) { $0 + u[routed[$1]] } : read(leased[s])
      result.siteRent[s] = read(market.sites[s].kind == .own ? ownRent[s] : leaseRent[s])
    }
    result.attributesSold = attributesSold.map(read)
    result.claims = claims.map { $0.map(read) }
    result.uncovered = uncovered.map(read)
    result.injection = injection.map(read)
    result.price = price.map(read)
    result.hubPrice = read(hubPrice)
    result.flowUpperPrice = flowUpper.map(read)
    result.flowLowerPrice = flowLower.map(read)
    result.leasePrice = leasePrice.map(read)
    result.capacityRent = capacityRent.map(read)
    result.servingValue = servingValue.map(read)
    result.latencyPrice = latencyPrice.map(read)
    result.backing = backing.map(read)
    result.premium = premium.map(read)
    result.coverCost = coverCost.map(read)
    result.budgetPrice = read(budget)
    return result
  }
}
