import Optimization
import PowerGrid

extension CoordinationSetup {
  /// The grid's price for given data-center demands (MW per DC and hour): the DC-OPF with those loads, where a
  /// demand the network cannot deliver is shed at the value of lost load (§7.1 upper-level feasibility), so the
  /// LMP at a shedding bus equals VOLL.
  func price(demands: [[Double]], voll: Double) throws -> [DCOPFPeriodResult] {
    var model = Model(name: "pricing")
    let served = demands.enumerated().map { k, hourly in
      hourly.enumerated().map { t, power in
        model.addVariable(Name("P_served", k + 1, t + 1), lower: 0, upper: max(0, power))
      }
    }
    var builder = try gridBuilder(model: model, demand: served)
    for hourly in served { for variable in hourly { builder.objective.add(variable, -voll) } }
    builder.finishObjective()
    let solution = try builder.model.solve(settings: settings)
    guard solution.status == .optimal || solution.status == .almostOptimal else {
      throw CoordinationError(message: "grid pricing problem is \(solution.status.rawValue)")
    }
    return try gridPeriods(builder, solution)
  }

  /// The grid side of the exchange ADMM (§7.4): minimise G1 − Σ λ·P_G + (ρ/2)·Σ (P_G − P_D)² over the grid with
  /// 0 ≤ P_G ≤ P_grid_max. Returns P_G (MW per DC and hour).
  func gridProposal(prices: [[Double]], target: [[Double]], rho: Double) throws -> [[Double]] {
    var model = Model(name: "grid-admm")
    let proposal = centers.enumerated().map { k, center in
      (0..<periods).map { t in model.addVariable(Name("P_G", k + 1, t + 1), lower: 0, upper: center.gridLimitMw) }
    }
    var builder = try gridBuilder(model: model, demand: proposal)
    for k in centers.indices {
      for t in 0..<periods {
        let variable = proposal[k][t]
        builder.objective.add(variable, -prices[k][t] - rho * target[k][t])
        builder.model.addQuadraticObjectiveTerm(variable, variable, rho / 2)
      }
    }
    builder.finishObjective()
    let solution = try builder.model.solve(settings: settings)
    guard solution.status == .optimal || solution.status == .almostOptimal else {
      throw CoordinationError(message: "ADMM grid step is \(solution.status.rawValue)")
    }
    return proposal.map { $0.map { solution.value($0) } }
  }
}
