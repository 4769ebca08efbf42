import CloudMarket
import DataCenters
import Optimization
import PowerGrid

extension CoordinationSetup {
  /// (J1) the exact reference: one convex QP over grid dispatch and every data center's schedule, minimising
  /// generation cost + depreciation (electricity payments are transfers and cancel). LMPs are its balance duals.
  /// With `market`, trades M1, M2 and M4 join (prices are −∂(J1 optimum)/∂(M1 rhs), §7.3).
  public func solveJoint(market: MarketSettings? = nil) throws -> CoordinationOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    var model = Model(name: "J1")
    var trades = market.map {
      MarketTrades(topology: .fullMesh(centers.count), periods: periods, pairLimit: $0.pairLimit, model: &model)
    }
    var variables: [DataCenterVariables] = []
    for (k, center) in centers.enumerated() {
      variables.append(
        DataCenterSchedule.add(center, index: k, periods: periods, to: &model, purchases: trades?.purchases(k) ?? []))
    }
    trades?.addBalance(to: &model)
    var builder = try gridBuilder(model: model, demand: variables.map(\.gridPower))
    for (k, center) in centers.enumerated() {
      DataCenterSchedule.addDepreciation(center, variables[k], to: &builder.objective)
    }
    builder.finishObjective()
    let solution = try builder.model.solve(settings: settings)
    guard solution.status == .optimal || solution.status == .almostOptimal else {
      throw CoordinationError(
        message: "the joint problem J1 is \(solution.status.rawValue)"
          + (solution.infeasibility.map { "\n" + $0.message } ?? ""))
    }
    let grid = try gridPeriods(builder, solution)
    let schedules = variables.map { ScheduleValues(solution, $0) }
    let prices = dataCenterPrices(grid)
    var outcome = CoordinationOutcome(
      method: "joint", converged: true, iterations: 1, oscillations: 0, grid: grid, schedules: schedules,
      dataCenterPrices: prices, log: [], activeBounds: nil, unboundedGapMW: nil,
      seconds: DCOPF.seconds(clock.now - start))
    outcome.market = trades.map {
      $0.outcome(
        solution, schedules: schedules,
        cost: CentralClearing.electricityAndDepreciation(centers: centers, schedules: schedules, prices: prices))
    }
    return outcome
  }
}
