import DataCenters
import Optimization

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
    // trade[i][k][t]: DC i's trade with its k-th neighbour.
    var trade: [[[Variable]]] = []
    var variables: [DataCenterVariables] = []
    var objective = LinearExpression()
    for (i, center) in centers.enumerated() {
      let own = topology.neighbours[i].map { neighbour in
        (0..<periods).map { t in
          model.addVariable(Name("x", i + 1, neighbour.agent + 1, t + 1), lower: -market.pairLimit, upper: market.pairLimit)
        }
      }
      let bought = (0..<periods).map { t in sum(own.map { LinearExpression($0[t]) }) }
      let v = DataCenterSchedule.add(center, index: i, periods: periods, to: &model, purchases: bought)
      DataCenterSchedule.addDepreciation(center, v, to: &objective)
      for (t, power) in v.gridPower.enumerated() {
        objective.add(power, prices[i][t] - (proximal.map { $0.rho * $0.centre[i][t] } ?? 0))
        if let proximal { model.addQuadraticObjectiveTerm(power, power, proximal.rho / 2) }
      }
      trade.append(own)
      variables.append(v)
    }
    var balance: [[ConstraintRef]] = []
    for (e, pair) in topology.pairs.enumerated() {
      let k1 = topology.neighbours[pair.first].firstIndex { $0.pair == e }!
      let k2 = topology.neighbours[pair.second].firstIndex { $0.pair == e }!
      balance.append(
        (0..<periods).map { t in
          /// (M1) x_ij + x_ji = 0.
          model.addConstraint(Name("M1_trade_balance", e + 1, t + 1), trade[pair.first][k1][t] + trade[pair.second][k2][t], .equal(0))
        })
    }
    model.setObjective(linear: objective)
    let solution = try model.solve(settings: settings)
    guard solution.status == .optimal || solution.status == .almostOptimal else {
      throw MarketError(
        message: "the central market clearing is \(solution.status.rawValue)" + (solution.infeasibility.map { "\n" + $0.message } ?? ""))
    }
    let schedules = variables.map { ScheduleValues(solution, $0) }
    let trades = topology.pairs.enumerated().map { e, pair in
      let k1 = topology.neighbours[pair.first].firstIndex { $0.pair == e }!
      let k2 = topology.neighbours[pair.second].firstIndex { $0.pair == e }!
      return (0..<periods).map { t in (solution.value(trade[pair.first][k1][t]) - solution.value(trade[pair.second][k2][t])) / 2 }
    }
    let duals = balance.map { $0.map { -solution.shadowPrice($0) } }
    let (selected, intervals) = MarketOutcome.selectPrices(
      topology: topology, trades: trades, marginalCost: schedules.map(\.interactiveMarginalCost),
      limit: market.pairLimit, fallback: duals)
    return MarketOutcome(
      topology: topology, trades: trades, prices: selected, priceIntervals: intervals, schedules: schedules,
      cost: electricityAndDepreciation(centers: centers, schedules: schedules, prices: prices), iterations: 1, log: [],
      imbalance: 0)
  }

  /// Σ_i Σ_t π_d·λ + price·P_grid ($).
  static func electricityAndDepreciation(centers: [DataCenter], schedules: [ScheduleValues], prices: [[Double]]) -> Double {
    var total = 0.0
    for (i, center) in centers.enumerated() {
      for t in schedules[i].gridMW.indices {
        total += center.depreciation * (schedules[i].interactive[t] + schedules[i].batch[t]) + prices[i][t] * schedules[i].gridMW[t]
      }
    }
    return total
  }
}
