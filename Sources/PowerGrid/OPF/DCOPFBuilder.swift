import Optimization

/// Builds the DC-OPF as a `Model`, one named step at a time (datacenter-market.md §4 G1–G5, MATPOWER DC-OPF).
///
/// Names use external numbering: `pg[row,t]` (1-based gen row), `balance[bus,t]` (BUS_I), `flow[row,t]` (1-based
/// branch row), `system_balance[island,t]`, `theta[bus,t]`, `renewable[k,t]`, `pwl[row,t,segment]`, t 1-based.
public struct DCOPFBuilder: Sendable {
  public let input: DCOPFInput
  public let network: Network
  public var model: Model
  /// The generation cost G1 ($ over the horizon); callers may add terms before `finishObjective()`.
  public var objective = LinearExpression()
  /// Demands that are decision variables (e.g. data-center purchases): per entry, an internal bus index and one
  /// variable per period, entering the balance like load (MW).
  public let variableDemand: [(bus: Int, variables: [Variable])]
  /// Per period: variable of each network generator (order of `network.generatorRows`).
  public internal(set) var generation: [[Variable]] = []
  /// Per period: variable of each renewable unit.
  public internal(set) var renewable: [[Variable]] = []
  /// Per period: angle variable of each bus (B-θ only; nil for isolated buses).
  public internal(set) var angle: [[Variable?]] = []
  /// Per period: balance row of each bus (B-θ) — nil for isolated buses.
  public internal(set) var busBalance: [[ConstraintRef?]] = []
  /// Per period: balance row of each island (PTDF).
  public internal(set) var islandBalance: [[ConstraintRef]] = []
  /// Network branches with a finite flow window, and the window (MW at the from end).
  public internal(set) var monitoredBranches: [Int] = []
  public internal(set) var flowWindow: [(lower: Double, upper: Double)] = []
  /// Per period: the flow row of each monitored branch.
  public internal(set) var flowRows: [[ConstraintRef]] = []
  /// Demand per period and bus (MW).
  public let demand: [[Double]]

  /// A builder over `model` (new when nil). `variableDemand` variables must already exist in `model`.
  public init(
    input: DCOPFInput, network: Network, model: Model? = nil, variableDemand: [(bus: Int, variables: [Variable])] = []
  ) {
    self.input = input
    self.network = network
    self.model = model ?? Model(name: "dcopf-\(input.powerCase.name)")
    self.variableDemand = variableDemand
    demand = (0..<input.periods).map { input.demandMW(network: network, period: $0) }
  }

  /// Sets the model's linear objective to `objective` (quadratic cost terms are already in the model).
  public mutating func finishObjective() { model.setObjective(linear: objective) }

  /// Runs the steps of the chosen formulation (the objective is left in `objective`).
  public mutating func build(factorization: DCFactorization) throws {
    variableGeneration()
    variableRenewables()
    try objectiveGenerationCost()
    computeFlowWindows()
    switch input.formulation {
    case .btheta:
      variableVoltageAngle()
      constraintNodalBalance()
      constraintBranchFlowBTheta()
    case .ptdf:
      constraintIslandBalance()
      try constraintBranchFlowPTDF(factorization: factorization)
    }
  }

  // MARK: Variables

  /// G4: PMIN ≤ pg ≤ PMAX for every in-service generator at a non-isolated bus.
  mutating func variableGeneration() {
    generation = (0..<input.periods).map { t in
      network.generatorRows.map { row in
        let unit = input.powerCase.generators[row]
        return model.addVariable(Name("pg", row + 1, t + 1), lower: unit.minOutputMW, upper: unit.maxOutputMW)
      }
    }
  }

  /// G5: 0 ≤ renewable ≤ available (curtailment allowed).
  mutating func variableRenewables() {
    renewable = (0..<input.periods).map { t in
      input.renewables.enumerated().map { k, unit in
        model.addVariable(Name("renewable", k + 1, t + 1), lower: 0, upper: unit.availableMW[t])
      }
    }
  }

  /// Bus voltage angles (radians), free, fixed to the case's VA at each island's reference bus.
  mutating func variableVoltageAngle() {
    angle = (0..<input.periods).map { t in
      (0..<network.busCount).map { bus -> Variable? in
        let island = network.islandOfBus[bus]
        guard island >= 0 else { return nil }
        if network.referenceBuses[island] == bus {
          let value = network.referenceAngles[island]
          return model.addVariable(Name("theta", network.busNumbers[bus], t + 1), lower: value, upper: value)
        }
        return model.addVariable(Name("theta", network.busNumbers[bus], t + 1), lower: -.infinity, upper: .infinity)
      }
    }
  }

  // MARK: Objective

  /// G1: Σ_t Σ_g cost_g(pg) · 1 h, quadratic or piecewise linear (epigraph, as MATPOWER's DC-OPF).
  mutating func objectiveGenerationCost() throws {
    guard let costs = input.powerCase.generatorCosts, costs.count >= input.powerCase.generators.count else {
      throw DCOPFError.invalidInput("\(input.powerCase.source): the case has no gencost rows for its generators")
    }
    for t in 0..<input.periods {
      for (k, row) in network.generatorRows.enumerated() {
        let power = generation[t][k]
        switch costs[row].curve {
        case .polynomial(let quadratic, let linear, let constant):
          objective.add(power, linear)
          objective.constant += constant
          if quadratic != 0 { model.addQuadraticObjectiveTerm(power, power, quadratic) }
        case .piecewiseLinear(let points):
          guard points.count >= 2 else {
            throw DCOPFError.invalidInput(
              "\(input.powerCase.source):\(costs[row].line): gencost row \(row + 1) has \(points.count) point(s); a piecewise-linear cost needs at least 2")
          }
          let cost = model.addVariable(Name("pwl_cost", row + 1, t + 1), lower: -.infinity, upper: .infinity)
          objective.add(cost, 1)
          for segment in 0..<(points.count - 1) {
            let width = points[segment + 1].mw - points[segment].mw
            guard width > 0 else { continue }
            let slope = (points[segment + 1].costPerHour - points[segment].costPerHour) / width
            model.addConstraint(
              Name("pwl", row + 1, t + 1, segment + 1), cost - slope * power,
              .greaterEqual(points[segment].costPerHour - slope * points[segment].mw))
          }
        }
      }
    }
  }

  // MARK: Network constraints

  /// The MW window of each branch: |flow| ≤ RATE_A·rateScale intersected with the angle-difference limits
  /// (θf − θt ∈ [ANGMIN, ANGMAX], i.e. flow = baseMVA·b·(Δθ − shift)).
  mutating func computeFlowWindows() {
    for l in 0..<network.branchCount {
      var lower = -Double.infinity
      var upper = Double.infinity
      let rate = network.branchRateMVA[l] * input.rateScale
      if rate > 0 && rate.isFinite {
        lower = -rate
        upper = rate
      }
      let limits = input.powerCase.branches[network.branchRows[l]].angleDifferenceLimits
      let scale = network.baseMVA * network.branchSusceptance[l]
      let shift = network.branchShiftRadians[l]
      for (degrees, isUpper) in [(limits.min, false), (limits.max, true)] {
        guard let degrees else { continue }
        let bound = scale * (degrees * .pi / 180 - shift)
        if isUpper == (scale > 0) { upper = min(upper, bound) } else { lower = max(lower, bound) }
      }
      if lower.isFinite || upper.isFinite {
        monitoredBranches.append(l)
        flowWindow.append((lower, upper))
      }
    }
  }

  /// B-θ nodal balance: Σ pg + Σ renewable − baseMVA·(Bθ)_n − load_n = Pbusinj_n  (π = LMP in $/MWh).
  mutating func constraintNodalBalance() {
    let b = network.susceptanceMatrix
    var generatorsAt = [[Int]](repeating: [], count: network.busCount)
    for (k, bus) in network.generatorBus.enumerated() { generatorsAt[bus].append(k) }
    var renewablesAt = [[Int]](repeating: [], count: network.busCount)
    for (k, unit) in input.renewables.enumerated() { renewablesAt[network.busIndex[unit.busNumber]!].append(k) }
    busBalance = (0..<input.periods).map { t in
      (0..<network.busCount).map { bus -> ConstraintRef? in
        guard network.isBusActive[bus] else { return nil }
        var lhs = LinearExpression()
        for k in generatorsAt[bus] { lhs.add(generation[t][k], 1) }
        for k in renewablesAt[bus] { lhs.add(renewable[t][k], 1) }
        for load in variableDemand where load.bus == bus { lhs.add(load.variables[t], -1) }
        for entry in Int(b.columnStarts[bus])..<Int(b.columnStarts[bus + 1]) {
          let other = Int(b.rowIndices[entry])
          if let theta = angle[t][other] { lhs.add(theta, -network.baseMVA * b.values[entry]) }
        }
        return model.addConstraint(
          Name("balance", network.busNumbers[bus], t + 1), lhs - demand[t][bus],
          .equal(network.phaseShiftInjectionMW[bus]))
      }
    }
  }

  /// B-θ flow window: lower − Pfinj ≤ baseMVA·b·(θf − θt) ≤ upper − Pfinj.
  mutating func constraintBranchFlowBTheta() {
    flowRows = (0..<input.periods).map { t in
      monitoredBranches.enumerated().map { k, l in
        let scale = network.baseMVA * network.branchSusceptance[l]
        guard let from = angle[t][network.branchFrom[l]], let to = angle[t][network.branchTo[l]] else {
          preconditionFailure("network branches join active buses")
        }
        let offset = network.phaseShiftFlowMW[l]
        return model.addConstraint(
          Name("flow", network.branchRows[l] + 1, t + 1), scale * from - scale * to,
          Self.window(flowWindow[k], minus: offset))
      }
    }
  }

  /// PTDF system balance per island: Σ pg + Σ renewable = Σ demand (lossless).
  mutating func constraintIslandBalance() {
    islandBalance = (0..<input.periods).map { t in
      network.islands.enumerated().map { island, members in
        var lhs = LinearExpression()
        for (k, bus) in network.generatorBus.enumerated() where network.islandOfBus[bus] == island {
          lhs.add(generation[t][k], 1)
        }
        for (k, unit) in input.renewables.enumerated() where network.islandOfBus[network.busIndex[unit.busNumber]!] == island {
          lhs.add(renewable[t][k], 1)
        }
        for load in variableDemand where network.islandOfBus[load.bus] == island { lhs.add(load.variables[t], -1) }
        let total = members.reduce(0) { $0 + demand[t][$1] }
        return model.addConstraint(Name("system_balance", island + 1, t + 1), lhs, .equal(total))
      }
    }
  }

  /// G3: flow = Σ_n H[l,n]·(P_n − Pbusinj_n) + Pfinj_l within the window; the demand part moves to the rhs.
  mutating func constraintBranchFlowPTDF(factorization: DCFactorization) throws {
    var injectionBuses =
      network.generatorBus + input.renewables.map { network.busIndex[$0.busNumber]! } + variableDemand.map(\.bus)
    injectionBuses = Array(Set(injectionBuses)).sorted()
    let ptdf = try factorization.ptdf(buses: injectionBuses, slack: .referenceBus)
    let rows = monitoredBranches
    flowRows = try (0..<input.periods).map { t in
      // Flow caused by demand and phase shifters alone: H·(−d − Pbusinj) + Pfinj.
      let baseFlow = try factorization.powerFlow(injectionsMW: demand[t].map { -$0 }).branchFlowsMW
      return rows.enumerated().map { k, l in
        var lhs = LinearExpression()
        for (g, bus) in network.generatorBus.enumerated() {
          let factor = ptdf[l, bus] ?? 0
          if factor != 0 { lhs.add(generation[t][g], factor) }
        }
        for (w, unit) in input.renewables.enumerated() {
          let factor = ptdf[l, network.busIndex[unit.busNumber]!] ?? 0
          if factor != 0 { lhs.add(renewable[t][w], factor) }
        }
        for load in variableDemand {
          let factor = ptdf[l, load.bus] ?? 0
          if factor != 0 { lhs.add(load.variables[t], -factor) }
        }
        return model.addConstraint(
          Name("flow", network.branchRows[l] + 1, t + 1), lhs, Self.window(flowWindow[k], minus: baseFlow[l]))
      }
    }
  }

  static func window(_ window: (lower: Double, upper: Double), minus offset: Double) -> Relation {
    let lower = window.lower - offset
    let upper = window.upper - offset
    if !lower.isFinite { return .lessEqual(upper) }
    if !upper.isFinite { return .greaterEqual(lower) }
    return .range(lower: lower, upper: upper)
  }
}
