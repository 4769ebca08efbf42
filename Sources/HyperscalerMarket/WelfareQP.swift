import Optimization

/// The equivalent single QP (H18) of one hour, assembled from the welfare terms and the constraints, not from the
/// MLCP rows (check V6). Its multipliers are mapped to MLCP prices by constraint, with the sign rule of §4.6.
struct WelfareQP {
  let market: MarketCase
  let terms: HourTerms
  var model = Model(name: "welfare", sense: .maximise)
  private let pairs: [RoutingPair]
  private var output: [Variable] = [], demand: [Variable] = [], routed: [Variable] = [], unserved: [Variable] = []
  private var siteLoad: [Variable] = [], injection: [Variable] = []
  private var attributes: [Variable?] = [], claims: [[Variable?]] = [], uncovered: [Variable?] = []
  private var balance: [ConstraintRef] = [], hub: ConstraintRef?, flowUpper: [ConstraintRef] = []
  private var flowLower: [ConstraintRef] = [], lease: [ConstraintRef?] = [], capacity: [ConstraintRef] = []
  private var siteCapacity: [ConstraintRef] = [], requests: [ConstraintRef] = [], meanLatency: [ConstraintRef] = []
  private var backing: [ConstraintRef?] = [], attributeClearing: [ConstraintRef?] = [], cover: [ConstraintRef?] = []
  private var budget: ConstraintRef?

  init(market: MarketCase, terms: HourTerms) {
    self.market = market
    self.terms = terms
    pairs = market.eligiblePairs
    variableQuantities()
    constraintEnergyBalance()
    constraintNetwork()
    constraintCapacities()
    constraintRequests()
    if terms.hasAttributeMarket { constraintAttributes() }
    if let budgetLimit = terms.latencyBudget { constraintLatencyBudget(budgetLimit) }
    objectiveWelfare()
  }

  private mutating func variableQuantities() {
    let t = terms.hour
    output = market.units.indices.map { model.addVariable(Name("g", $0, t)) }
    demand = market.loads.indices.map { model.addVariable(Name("d", $0, t)) }
    routed = pairs.indices.map { model.addVariable(Name("y", $0, t)) }
    unserved = market.regions.indices.map { model.addVariable(Name("u", $0, t)) }
    siteLoad = market.sites.indices.map { model.addVariable(Name("L", $0, t)) }
    injection = market.network.busNumbers.indices.map {
      model.addVariable(Name("inj", $0, t), lower: -.infinity, upper: .infinity)
    }
    for (s, site) in market.sites.enumerated() {
      // L[s] = Σ_r y[r,s]: for own sites this defines Y[h]; for MDCs it is the lease clearing (H15), whose
      // multiplier is ρ[m].
      var expression = LinearExpression(siteLoad[s], coefficient: -1)
      for p in pairs.indices where pairs[p].site == s { expression.add(routed[p], 1) }
      let row = model.addConstraint(Name(site.kind == .own ? "own-load" : "lease", s, t), expression, .equal(0))
      lease.append(site.kind == .modular ? row : nil)
    }
  }

  /// (H14) inj[i] − Σ g + d + Σ E[s] = 0: p[i] = ∂W*/∂(exogenous injection at i) = its shadow price.
  private mutating func constraintEnergyBalance() {
    var rows = market.network.busNumbers.indices.map { LinearExpression(injection[$0]) }
    for (j, unit) in market.units.enumerated() { rows[unit.bus].add(output[j], -1) }
    for (c, load) in market.loads.enumerated() { rows[load.bus].add(demand[c], 1) }
    for (s, site) in market.sites.enumerated() { rows[site.bus].add(siteLoad[s], site.energyPerMreq) }
    balance = rows.indices.map { model.addConstraint(Name("balance", $0, terms.hour), rows[$0], .equal(0)) }
  }

  /// (H11b–d): Σ inj = 0 and −T ≤ PTDF·inj ≤ T.
  private mutating func constraintNetwork() {
    var total = LinearExpression()
    for variable in injection { total.add(variable, 1) }
    hub = model.addConstraint(Name("hub", terms.hour), total, .equal(0))
    for (k, branch) in market.network.branches.enumerated() {
      var flow = LinearExpression()
      for (i, factor) in market.network.ptdf[k].enumerated() where factor != 0 { flow.add(injection[i], factor) }
      flowUpper.append(model.addConstraint(Name("flow+", k, terms.hour), flow, .lessEqual(branch.limitMW)))
      flowLower.append(model.addConstraint(Name("flow-", k, terms.hour), -flow, .lessEqual(branch.limitMW)))
    }
  }

  /// (H1b) g ≤ Ḡ, (H5) Y ≤ X̄, (H9b) q ≤ Q̄.
  private mutating func constraintCapacities() {
    capacity = market.units.indices.map {
      model.addConstraint(
        Name("capacity", $0, terms.hour), LinearExpression(output[$0]),
        .lessEqual(market.units[$0].availableMW[terms.hour]))
    }
    siteCapacity = market.sites.indices.map {
      model.addConstraint(
        Name("site-capacity", $0, terms.hour), LinearExpression(siteLoad[$0]), .lessEqual(market.sites[$0].capacity))
    }
  }

  /// (H4) request balance and (H6) mean-latency SLO per region.
  private mutating func constraintRequests() {
    (requests, meanLatency) = market.addRequestConstraints(to: &model, routed: routed, unserved: unserved, hour: terms.hour)
  }

  /// EP: (H1c) a ≤ κ_P·g, (H16) Σ_s v[j,s] ≤ a[j], (H7)/(H10) Σ_j v[j,s] + v0[s] = η[s]·L[s].
  private mutating func constraintAttributes() {
    let t = terms.hour
    attributes = Array(repeating: nil, count: market.units.count)
    claims = Array(repeating: Array(repeating: nil, count: market.sites.count), count: market.units.count)
    backing = Array(repeating: nil, count: market.units.count)
    attributeClearing = Array(repeating: nil, count: market.units.count)
    for j in market.zeroEmissionUnits {
      let sold = model.addVariable(Name("a", j, t))
      attributes[j] = sold
      claims[j] = market.sites.indices.map { model.addVariable(Name("v", j, $0, t)) }
      backing[j] = model.addConstraint(
        Name("backing", j, t), LinearExpression(sold) - terms.backingFactor * LinearExpression(output[j]),
        .lessEqual(0))
      var claimed = LinearExpression(sold, coefficient: -1)
      for case let claim? in claims[j] { claimed.add(claim, 1) }
      attributeClearing[j] = model.addConstraint(Name("attribute", j, t), claimed, .lessEqual(0))
    }
    uncovered = market.sites.indices.map { model.addVariable(Name("v0", $0, t)) }
    cover = market.sites.indices.map { s in
      var covered = LinearExpression(siteLoad[s], coefficient: -market.sites[s].energyPerMreq)
      if let none = uncovered[s] { covered.add(none, 1) }
      for j in market.zeroEmissionUnits { if let claim = claims[j][s] { covered.add(claim, 1) } }
      return model.addConstraint(Name("cover", s, t), covered, .equal(0))
    }
  }

  /// α = 0 stage 2: θ·Σ ℓ·y + V_U·Σ u ≤ Φ*.
  private mutating func constraintLatencyBudget(_ limit: Double) {
    var spent = LinearExpression()
    for (p, pair) in pairs.enumerated() {
      spent.add(routed[p], market.latencyValue * market.regions[pair.region].latencyMs[pair.site])
    }
    for variable in unserved { spent.add(variable, market.unservedValue) }
    budget = model.addConstraint(Name("latency-budget", terms.hour), spent, .lessEqual(limit))
  }

  /// (H18) W: consumer utility − production cost − site operating cost − weighted latency − unserved penalty
  /// − declared-carbon charge (EA) − uncovered-carbon charge (EP).
  private mutating func objectiveWelfare() {
    let t = terms.hour
    for (c, load) in market.loads.enumerated() {
      model.setObjectiveCoefficient(demand[c], load.chokePrice[t])
      model.addQuadraticObjectiveTerm(demand[c], demand[c], -0.5 * load.slope[t])
    }
    for (j, unit) in market.units.enumerated() {
      model.setObjectiveCoefficient(output[j], -unit.linearCost)
      model.addQuadraticObjectiveTerm(output[j], output[j], -unit.quadraticCost)
    }
    for (s, site) in market.sites.enumerated() {
      model.setObjectiveCoefficient(siteLoad[s], -site.linearCost)
      model.addQuadraticObjectiveTerm(siteLoad[s], siteLoad[s], -0.5 * site.quadraticCost)
    }
    // The declared-carbon charge is on the routed requests, as in (H18): on q it would shift ρ[m] by cA[m].
    for (p, pair) in pairs.enumerated() {
      let latency = market.regions[pair.region].latencyMs[pair.site]
      model.setObjectiveCoefficient(routed[p], -terms.latencyWeight * latency - terms.declaredCarbonCost[pair.site])
    }
    for variable in unserved { model.setObjectiveCoefficient(variable, -terms.unservedPenalty) }
    for case let none? in uncovered { model.setObjectiveCoefficient(none, -terms.uncoveredCost) }
  }

  /// Solves the QP and maps its multipliers to the MLCP's prices.
  func solve(settings: QPSettings = .priceGrade) throws -> (HourEquilibrium, ModelSolution) {
    let solution = try model.solve(settings: settings)
    var result = HourEquilibrium(hour: terms.hour, market: market)
    result.output = output.map(solution.value)
    result.demand = demand.map(solution.value)
    result.routed = routed.map(solution.value)
    result.unserved = unserved.map(solution.value)
    result.siteLoad = siteLoad.map(solution.value)
    result.injection = injection.map(solution.value)
    result.price = balance.map(solution.shadowPrice)
    result.hubPrice = hub.map { -solution.shadowPrice($0) } ?? 0
    result.flowUpperPrice = flowUpper.map(solution.shadowPrice)
    result.flowLowerPrice = flowLower.map(solution.shadowPrice)
    result.leasePrice = lease.map { $0.map(solution.shadowPrice) ?? 0 }
    result.capacityRent = capacity.map(solution.shadowPrice)
    result.siteRent = siteCapacity.map(solution.shadowPrice)
    result.servingValue = requests.map { -solution.shadowPrice($0) }
    result.latencyPrice = meanLatency.map(solution.shadowPrice)
    result.budgetPrice = budget.map(solution.shadowPrice) ?? 0
    guard terms.hasAttributeMarket else { return (result, solution) }
    result.attributesSold = attributes.map { $0.map(solution.value) ?? 0 }
    result.claims = claims.map { $0.map { $0.map(solution.value) ?? 0 } }
    result.uncovered = uncovered.map { $0.map(solution.value) ?? 0 }
    result.backing = backing.map { $0.map(solution.shadowPrice) ?? 0 }
    result.premium = attributeClearing.map { $0.map(solution.shadowPrice) ?? 0 }
    result.coverCost = cover.map { $0.map { -solution.shadowPrice($0) } ?? 0 }
    return (result, solution)
  }
}

extension MarketCase {
  /// (H4) Σ_s y[r,s] + u[r] = D[r,t] and (H6) Σ_s (ℓ[r,s] − Λavg[r])·y[r,s] ≤ 0 for every region, on a model whose
  /// routing and unserved variables are given in the order of `eligiblePairs` and `regions`.
  func addRequestConstraints(to model: inout Model, routed: [Variable], unserved: [Variable], hour: Int)
    -> (requests: [ConstraintRef], meanLatency: [ConstraintRef])
  {
    let pairs = eligiblePairs
    var requests: [ConstraintRef] = [], meanLatency: [ConstraintRef] = []
    for (r, region) in regions.enumerated() {
      var served = LinearExpression(unserved[r])
      var latency = LinearExpression()
      for p in pairs.indices where pairs[p].region == r {
        served.add(routed[p], 1)
        latency.add(routed[p], region.latencyMs[pairs[p].site] - region.meanLatencyMs)
      }
      requests.append(model.addConstraint(Name("requests", r, hour), served, .equal(region.demand[hour])))
      meanLatency.append(model.addConstraint(Name("mean-latency", r, hour), latency, .lessEqual(0)))
    }
    return (requests, meanLatency)
  }
}
