import DataCenters
import Optimization

/// The trades of every data center inside one `Model`, with the bilateral balance M1 — shared by the central
/// clearing and by the joint problem J1 with a market.
public struct MarketTrades: Sendable {
  public let topology: MarketTopology
  /// trade[i][k][t]: kreq/s bought by DC i from its k-th neighbour (M2: within ±X).
  public let trade: [[[Variable]]]
  /// balance[e][t]: the M1 row x_ij + x_ji = 0 of pair e.
  public private(set) var balance: [[ConstraintRef]] = []
  public let pairLimit: Double

  /// Adds the trade variables; `purchases(i)` gives the per-hour Σ_j x_ij to put into DC i's M4 row.
  public init(topology: MarketTopology, periods: Int, pairLimit: Double, model: inout Model) {
    self.topology = topology
    self.pairLimit = pairLimit
    trade = (0..<topology.agents).map { i in
      topology.neighbours[i].map { neighbour in
        (0..<periods).map { t in
          model.addVariable(Name("x", i + 1, neighbour.agent + 1, t + 1), lower: -pairLimit, upper: pairLimit)
        }
      }
    }
  }

  public func purchases(_ i: Int) -> [LinearExpression] {
    (0..<(trade[i].first?.count ?? 0)).map { t in sum(trade[i].map { LinearExpression($0[t]) }) }
  }

  /// (M1) x_ij + x_ji = 0 for every pair and hour.
  public mutating func addBalance(to model: inout Model) {
    balance = topology.pairs.enumerated().map { e, pair in
      let (k1, k2) = slots(e)
      return trade[pair.first][k1].indices.map { t in
        model.addConstraint(
          Name("M1_trade_balance", e + 1, t + 1), trade[pair.first][k1][t] + trade[pair.second][k2][t], .equal(0))
      }
    }
  }

  func slots(_ e: Int) -> (first: Int, second: Int) { topology.slots(e) }

  /// Trades, prices (−∂optimum/∂(M1 rhs), then the price rule at binding pairs) and schedules of a solved model.
  public func outcome(
    _ solution: ModelSolution, schedules: [ScheduleValues], cost: Double
  ) -> MarketOutcome {
    let trades = topology.pairs.indices.map { e -> [Double] in
      let pair = topology.pairs[e]
      let (k1, k2) = slots(e)
      return trade[pair.first][k1].indices.map {
        (solution.value(trade[pair.first][k1][$0]) - solution.value(trade[pair.second][k2][$0])) / 2
      }
    }
    let duals = balance.map { $0.map { -solution.shadowPrice($0) } }
    let (selected, intervals) = MarketOutcome.selectPrices(
      topology: topology, trades: trades, marginalCost: schedules.map(\.interactiveMarginalCost), limit: pairLimit,
      fallback: duals)
    return MarketOutcome(
      topology: topology, trades: trades, prices: selected, priceIntervals: intervals, schedules: schedules,
      cost: cost, iterations: 1, log: [], imbalance: 0)
  }
}

/// The welfare-maximising clearing M7 (datacenter-market.md §5.3): one convex problem over every data center and
/// trade with the bilateral balance M1 (x_ij + x_ji = 0); bilateral prices are −∂(optimum)/∂(M1 rhs).
public enum CentralClearing {
  /// Clears at electricity prices `prices[i][t]` ($/MWh at DC i's bus). With `proximal` = (ρ_g, centre), each DC
  /// also pays (ρ_g/2)·(P_grid − centre)² (the DC side of the exchange ADMM).
  public static func clear(
    centers: [DataCenter], topology: MarketTopology, prices: [[Double]], periods: Int, market: MarketSettings,
    proximal: (rho: Double, centre: [[Double]])? = nil, settings: QPSettings = .priceGrade
  ) throws -> MarketOutcome {
    var model = Model(name: "market-central")
    var trades = MarketTrades(topology: topology, periods: periods, pairLimit: market.pairLimit, model: &model)
    var variables: [DataCenterVariables] = []
    var objective = LinearExpression()
    for (i, center) in centers.enumerated() {
      let v = DataCenterSchedule.add(center, index: i, periods: periods, to: &model, purchases: trades.purchases(i))
      DataCenterSchedule.addDepreciation(center, v, to: &objective)
      for (t, power) in v.gridPower.enumerated() {
        objective.add(power, prices[i][t] - (proximal.map { $0.rho * $0.centre[i][t] } ?? 0))
        if let proximal { model.addQuadraticObjectiveTerm(power, power, proximal.rho / 2) }
      }
      variables.append(v)
    }
    trades.addBalance(to: &model)
    model.setObjective(linear: objective)
    let solution = try model.solve(settings: settings)
    guard solution.status == .optimal || solution.status == .almostOptimal else {
      throw MarketError(
        message: "the central market clearing is \(solution.status.rawValue)"
          + (solution.infeasibility.map { "\n" + $0.message } ?? ""))
    }
    let schedules = variables.map { ScheduleValues(solution, $0) }
    return trades.outcome(
      solution, schedules: schedules,
      cost: electricityAndDepreciation(centers: centers, schedules: schedules, prices: prices))
  }

  /// Σ_i Σ_t π_d·λ + price·P_grid ($).
  public static func electricityAndDepreciation(centers: [DataCenter], schedules: [ScheduleValues], prices: [[Double]]) -> Double {
    var total = 0.0
    for (i, center) in centers.enumerated() {
      for t in schedules[i].gridMW.indices {
        total += center.depreciation * (schedules[i].interactive[t] + schedules[i].batch[t]) + prices[i][t] * schedules[i].gridMW[t]
      }
    }
    return total
  }
}
