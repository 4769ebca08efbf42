import DataCenters

/// The result of a market clearing at fixed electricity prices.
public struct MarketOutcome: Sendable {
  public let topology: MarketTopology
  /// Per pair e and hour: kreq/s of interactive work bought by `pairs[e].first` from `pairs[e].second`
  /// (negative: sold). Reported as the average of the two sides.
  public var trades: [[Double]]
  /// Per pair and hour: the selected bilateral price ($ per kreq/s·h) and the interval of equilibrium prices.
  /// Where the pair limit binds the price is not unique (§9.3); the rule splits the trade surplus equally: the
  /// midpoint of the buyer's and the seller's marginal interactive cost.
  public var prices: [[Double]]
  public var priceIntervals: [[ClosedRange<Double>]]
  /// Each data center's schedule.
  public var schedules: [ScheduleValues]
  /// Σ_i (depreciation + electricity) at the clearing's electricity prices ($), without proximal terms.
  public var cost: Double
  /// Consensus ADMM only: iterations and the final residuals and log.
  public var iterations: Int
  public var log: [MarketStep]
  /// Largest remaining bilateral mismatch |x_ij + x_ji| (kreq/s), 0 for the central clearing.
  public var imbalance: Double
  /// False when an iteration limit stopped the consensus ADMM before its tolerances were met.
  public var converged = true

  /// Trade payments of each data center over the horizon ($; positive = paid to peers).
  public func payments(agents: Int) -> [Double] {
    (0..<agents).map { agent in (trades.first?.indices ?? 0..<0).reduce(0) { $0 + payment(agent: agent, hour: $1) } }
  }

  /// What `agent` pays its peers in hour `hour` ($; the buyer of a pair pays price × trade to the seller).
  public func payment(agent: Int, hour: Int) -> Double {
    var paid = 0.0
    for (e, pair) in topology.pairs.enumerated() {
      let amount = prices[e][hour] * trades[e][hour]
      if pair.first == agent { paid += amount } else if pair.second == agent { paid -= amount }
    }
    return paid
  }

  /// Interactive work moved between data centers: Σ over pairs and hours of the bought side (kreq/s·h).
  public var tradedInteractive: Double { trades.reduce(0) { $0 + $1.reduce(0) { $0 + abs($1) } } }
}

/// One consensus-ADMM iteration: residuals of §6.2.
public struct MarketStep: Sendable, Equatable {
  public var iteration: Int
  /// max |x_ij + x_ji| (kreq/s).
  public var primal: Double
  /// max_i max_j ‖y_i − y_j‖∞ ($ per kreq/s·h).
  public var consensus: Double
  /// ρ·sqrt(Σ_i ‖y_i^k − y_i^{k−1}‖²).
  public var dual: Double
}

extension MarketOutcome {
  /// Bilateral prices from the two marginal interactive costs (duals of M4) at each pair and hour:
  /// unique (the common value) where the trade is inside its limit, the interval's midpoint where it binds.
  static func selectPrices(
    topology: MarketTopology, trades: [[Double]], marginalCost: [[Double]], limit: Double, fallback: [[Double]]
  ) -> (prices: [[Double]], intervals: [[ClosedRange<Double>]]) {
    var prices = fallback
    var intervals = fallback.map { $0.map { $0...$0 } }
    for (e, pair) in topology.pairs.enumerated() {
      for t in trades[e].indices {
        let a = marginalCost[pair.first][t]
        let b = marginalCost[pair.second][t]
        let interval = min(a, b)...max(a, b)
        if abs(trades[e][t]) >= limit - 1e-6 * max(1, limit) {
          intervals[e][t] = interval
          prices[e][t] = (a + b) / 2
        } else if !interval.contains(prices[e][t]) && abs(trades[e][t]) > 1e-9 {
          // An iterative estimate outside the two marginal costs is clamped into them (a trade must be voluntary).
          prices[e][t] = min(max(prices[e][t], interval.lowerBound), interval.upperBound)
        }
      }
    }
    return (prices, intervals)
  }
}
