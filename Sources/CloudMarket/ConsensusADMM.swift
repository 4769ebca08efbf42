import DataCenters
import Optimization

/// One data center as a market agent of the dual consensus ADMM (datacenter-market.md §6): it keeps its own
/// problem, its price estimate y_i (all pairs and hours), its accumulator s_i and its neighbours' last estimates,
/// and learns everything else from messages.
struct MarketAgent {
  let index: Int
  let topology: MarketTopology
  let periods: Int
  let rho: Double
  var problem: MarketAgentProblem
  /// y_i and s_i, flattened pair-major (e·NT + t).
  var estimate: [Double]
  var accumulator: [Double]
  var neighbourEstimates: [Int: [Double]] = [:]
  var neighbourTrades: [Int: [Double]] = [:]
  /// Own trades with each neighbour (topology order) and the schedule of the last A4 step.
  var trades: [[Double]] = []
  var schedule: ScheduleValues?
  let electricity: [Double]
  let proximal: (rho: Double, centre: [Double])?

  var degree: Int { topology.neighbours[index].count }

  /// A4: argmin f_i + 1/(4ρ|Ω_i|)·‖A_i x_i − w_i‖², w_i = s_i − ρ Σ_j (y_i + y_j); only i's own trades enter.
  mutating func primalStep() throws {
    let scale = 1 / (4 * rho * Double(degree))
    var tradeCosts: [[Double]] = []
    for neighbour in topology.neighbours[index] {
      tradeCosts.append(
        (0..<periods).map { t in
          let slot = neighbour.pair * periods + t
          var sumY = 0.0
          for other in topology.neighbours[index] { sumY += estimate[slot] + (neighbourEstimates[other.agent]?[slot] ?? 0) }
          let w = accumulator[slot] - rho * sumY
          return -2 * scale * w
        })
    }
    let centre = proximal.map { p in p.centre.map { -p.rho * $0 } } ?? [Double](repeating: 0, count: periods)
    problem.setCosts(gridPower: zip(electricity, centre).map { $0 + $1 }, trades: tradeCosts)
    let solution = try problem.solve()
    trades = problem.trades.map { $0.map { solution.value($0) } }
    schedule = ScheduleValues(solution, problem.variables)
  }

  /// A5: y_i = 1/(2|Ω_i|)·[Σ_j (y_i + y_j) − s_i/ρ + A_i x_i/ρ].
  mutating func priceStep() {
    var next = [Double](repeating: 0, count: estimate.count)
    for slot in estimate.indices {
      var sumY = 0.0
      for other in topology.neighbours[index] { sumY += estimate[slot] + (neighbourEstimates[other.agent]?[slot] ?? 0) }
      next[slot] = sumY - accumulator[slot] / rho
    }
    for (k, neighbour) in topology.neighbours[index].enumerated() {
      for t in 0..<periods { next[neighbour.pair * periods + t] += trades[k][t] / rho }
    }
    let factor = 1 / (2 * Double(degree))
    estimate = next.map { $0 * factor }
  }

  /// A6: s_i += ρ Σ_j (y_i − y_j), with the neighbours' new estimates.
  mutating func accumulatorStep() {
    for slot in accumulator.indices {
      var difference = 0.0
      for other in topology.neighbours[index] { difference += estimate[slot] - (neighbourEstimates[other.agent]?[slot] ?? 0) }
      accumulator[slot] += rho * difference
    }
  }

  /// Reads every waiting message (neighbour estimates and trade proposals).
  mutating func absorb(_ messages: [MarketMessage]) {
    for message in messages {
      switch message {
      case .prices(let estimateMessage): neighbourEstimates[estimateMessage.from] = estimateMessage.prices
      case .trades(let proposal): neighbourTrades[proposal.from] = proposal.trades
      }
    }
  }
}

/// The iterate of the consensus ADMM (every agent's y_i and s_i), kept between clearings so that a sequence of
/// clearings at slowly changing electricity prices continues one iteration instead of restarting.
public struct ConsensusState: Sendable {
  public var estimates: [[Double]]
  public var accumulators: [[Double]]
}

/// The decentralised clearing of §6.3 over a `MarketTransport`.
public enum ConsensusADMM {
  /// Clears the market at fixed electricity prices; `initialPrices` (pair-major, e·NT + t) warm-starts every
  /// y_i (default 0); `proximal` adds (ρ_g/2)(P_grid − centre)² to each DC (the exchange ADMM's DC side).
  public static func clear<Transport: MarketTransport>(
    centers: [DataCenter], topology: MarketTopology, prices: [[Double]], periods: Int, market: MarketSettings,
    transport: inout Transport, initialPrices: [Double]? = nil,
    proximal: (rho: Double, centre: [[Double]])? = nil, settings: QPSettings = .priceGrade
  ) throws -> MarketOutcome {
    var state: ConsensusState? = nil
    return try clear(
      centers: centers, topology: topology, prices: prices, periods: periods, market: market, transport: &transport,
      initialPrices: initialPrices, proximal: proximal, settings: settings, state: &state, iterationLimit: nil)
  }

  /// As above, continuing from `state` (every agent's y_i and s_i; nil starts cold) and leaving the final iterate
  /// there, with at most `iterationLimit` iterations (the outcome's `converged` says whether the tolerances were met).
  public static func clear<Transport: MarketTransport>(
    centers: [DataCenter], topology: MarketTopology, prices: [[Double]], periods: Int, market: MarketSettings,
    transport: inout Transport, initialPrices: [Double]?, proximal: (rho: Double, centre: [[Double]])?,
    settings: QPSettings, state: inout ConsensusState?, iterationLimit: Int?
  ) throws -> MarketOutcome {
    let slots = topology.pairs.count * periods
    var agents = try centers.enumerated().map { i, center in
      let degree = max(1, topology.neighbours[i].count)
      return MarketAgent(
        index: i, topology: topology, periods: periods, rho: market.rho,
        problem: try MarketAgentProblem(
          center: center, index: i, neighbours: topology.neighbours[i].map(\.agent), periods: periods,
          pairLimit: market.pairLimit, tradeCurvature: 1 / (4 * market.rho * Double(degree)),
          powerCurvature: (proximal?.rho ?? 0) / 2, settings: settings),
        estimate: initialPrices ?? [Double](repeating: 0, count: slots),
        accumulator: [Double](repeating: 0, count: slots), electricity: prices[i],
        proximal: proximal.map { ($0.rho, $0.centre[i]) })
    }
    if let saved = state {
      for i in agents.indices {
        agents[i].estimate = saved.estimates[i]
        agents[i].accumulator = saved.accumulators[i]
      }
    }
    for i in agents.indices {
      for neighbour in topology.neighbours[i] {
        agents[i].neighbourEstimates[neighbour.agent] = agents[neighbour.agent].estimate
      }
    }
    let limit = min(iterationLimit ?? market.maxIterations, market.maxIterations)
    var converged = false
    var log: [MarketStep] = []
    var iteration = 0
    while iteration < limit {
      iteration += 1
      let previous = agents.map(\.estimate)
      for i in agents.indices {
        try agents[i].primalStep()
        agents[i].priceStep()
        for (k, neighbour) in topology.neighbours[i].enumerated() {
          try transport.send(.prices(PriceEstimate(from: i, iteration: iteration, prices: agents[i].estimate)), to: neighbour.agent)
          try transport.send(
            .trades(TradeProposal(from: i, iteration: iteration, pair: neighbour.pair, trades: agents[i].trades[k])),
            to: neighbour.agent)
        }
      }
      for i in agents.indices {
        agents[i].absorb(try transport.receive(for: i))
        agents[i].accumulatorStep()
      }
      let step = residuals(agents, previous: previous, iteration: iteration, rho: market.rho)
      log.append(step)
      if step.dual <= market.dualTolerance && step.primal <= market.primalTolerance
        && step.consensus <= market.consensusTolerance
      {
        converged = true
        break
      }
    }
    state = ConsensusState(estimates: agents.map(\.estimate), accumulators: agents.map(\.accumulator))
    var outcome = try finalise(agents, centers: centers, market: market, iterations: iteration, log: log, settings: settings)
    outcome.converged = converged
    return outcome
  }

  /// §6.2 residuals; each term is local or pairwise, collected here as a max-consensus would.
  static func residuals(_ agents: [MarketAgent], previous: [[Double]], iteration: Int, rho: Double) -> MarketStep {
    var primal = 0.0
    var consensus = 0.0
    var dualSquared = 0.0
    for agent in agents {
      for (k, neighbour) in agent.topology.neighbours[agent.index].enumerated() where neighbour.agent > agent.index {
        let partner = agent.neighbourTrades[neighbour.agent] ?? []
        for t in 0..<agent.periods where t < partner.count { primal = max(primal, abs(agent.trades[k][t] + partner[t])) }
      }
      for neighbour in agent.topology.neighbours[agent.index] {
        let theirs = agent.neighbourEstimates[neighbour.agent] ?? []
        for (mine, other) in zip(agent.estimate, theirs) { consensus = max(consensus, abs(mine - other)) }
      }
      for (now, before) in zip(agent.estimate, previous[agent.index]) { dualSquared += (now - before) * (now - before) }
    }
    return MarketStep(iteration: iteration, primal: primal, consensus: consensus, dual: rho * dualSquared.squareRoot())
  }

  /// Finalisation of §6.3: re-solve each DC without the trade quadratic, each trade boxed between its own last
  /// iterate and the symmetrised value (x_ij − x_ji)/2; prices p_ij = (y_i + y_j)/2 (then the price rule).
  static func finalise(
    _ agents: [MarketAgent], centers: [DataCenter], market: MarketSettings, iterations: Int, log: [MarketStep],
    settings: QPSettings
  ) throws -> MarketOutcome {
    let topology = agents[0].topology
    let periods = agents[0].periods
    var schedules: [ScheduleValues] = []
    var finalTrades: [[[Double]]] = []
    for agent in agents {
      let boxes = topology.neighbours[agent.index].enumerated().map { k, neighbour in
        (0..<periods).map { t -> (lower: Double, upper: Double) in
          let own = agent.trades[k][t]
          let symmetric = (own - (agent.neighbourTrades[neighbour.agent]?[t] ?? -own)) / 2
          return (min(own, symmetric), max(own, symmetric))
        }
      }
      let problem = try MarketAgentProblem(
        center: agent.problem.center, index: agent.index, neighbours: topology.neighbours[agent.index].map(\.agent),
        periods: periods, pairLimit: market.pairLimit, tradeCurvature: 0,
        powerCurvature: (agent.proximal?.rho ?? 0) / 2, tradeBounds: boxes, settings: settings)
      let centre = agent.proximal.map { p in p.centre.map { -p.rho * $0 } } ?? [Double](repeating: 0, count: periods)
      // Each trade is priced at the pair's consensus price (M6), so the re-solve does not drift to one end of its box.
      problem.setCosts(
        gridPower: zip(agent.electricity, centre).map { $0 + $1 },
        trades: topology.neighbours[agent.index].map { neighbour in
          (0..<periods).map { t in
            let slot = neighbour.pair * periods + t
            return (agent.estimate[slot] + (agents[neighbour.agent].estimate[slot])) / 2
          }
        })
      let solution = try problem.solve()
      schedules.append(ScheduleValues(solution, problem.variables))
      finalTrades.append(problem.trades.map { $0.map { solution.value($0) } })
    }
    var trades: [[Double]] = []
    var estimates: [[Double]] = []
    var imbalance = 0.0
    for (e, pair) in topology.pairs.enumerated() {
      let (k1, k2) = topology.slots(e)
      trades.append((0..<periods).map { (finalTrades[pair.first][k1][$0] - finalTrades[pair.second][k2][$0]) / 2 })
      for t in 0..<periods { imbalance = max(imbalance, abs(finalTrades[pair.first][k1][t] + finalTrades[pair.second][k2][t])) }
      estimates.append(
        (0..<periods).map { (agents[pair.first].estimate[e * periods + $0] + agents[pair.second].estimate[e * periods + $0]) / 2 })
    }
    let (prices, intervals) = MarketOutcome.selectPrices(
      topology: topology, trades: trades, marginalCost: schedules.map(\.interactiveMarginalCost),
      limit: market.pairLimit, fallback: estimates)
    return MarketOutcome(
      topology: topology, trades: trades, prices: prices, priceIntervals: intervals, schedules: schedules,
      cost: CentralClearing.electricityAndDepreciation(
        centers: centers, schedules: schedules, prices: agents.map(\.electricity)),
      iterations: iterations, log: log, imbalance: imbalance)
  }
}
