import Optimization

/// A player or market of the equilibrium (hyperscaler-market.md §3–§4): it writes, for one hour, the KKT rows paired
/// with the unknowns it owns (its decisions and its multipliers, or for a market its price). The equilibrium MLCP is
/// the stack of every player's rows; none of them writes another player's row.
protocol EquilibriumPlayer {
  func addConditions(terms: HourTerms, layout: HourLayout, to builder: inout MLCPBuilder)
}

extension MarketCase {
  /// Every player and market of the case, in the order of §1.2–§1.3.
  var players: [any EquilibriumPlayer] {
    var players: [any EquilibriumPlayer] = units.indices.map { Producer(market: self, unit: $0) }
    players += loads.indices.map { Consumer(market: self, load: $0) }
    players.append(Hyperscaler(market: self))
    players += modularSites.map { MDCOwner(market: self, site: $0) }
    players.append(GridOperator(network: network))
    players.append(EnergyMarket(market: self))
    players.append(LeaseMarket(market: self))
    players.append(AttributeMarket(market: self))
    return players
  }
}
