import Optimization
import SparseAlgebra

/// Multi-period DC optimal power flow with LMPs split into energy and congestion parts.
public enum DCOPF {
  /// The optimisation model of `input` (for export to other solvers, e.g. as QPS).
  public static func model(for input: DCOPFInput) throws -> Model { try builder(for: input).builder.model }

  /// The network's factorisation and the finished model builder of `input`.
  static func builder(for input: DCOPFInput) throws -> (builder: DCOPFBuilder, factorization: DCFactorization) {
    let network = try Network(input.powerCase)
    try input.validate(network: network)
    let factorization = try DCFactorization(network)
    var builder = DCOPFBuilder(input: input, network: network)
    try builder.build(factorization: factorization)
    builder.finishObjective()
    return (builder, factorization)
  }

  /// Builds and solves the DC-OPF of `input`. Throws for invalid input; an infeasible case returns a result
  /// whose status says so, with the implicated constraints in `infeasibilityMessage`.
  public static func solve(_ input: DCOPFInput) throws -> DCOPFResult {
    let clock = ContinuousClock()
    let start = clock.now
    let (builder, factorization) = try builder(for: input)
    let built = clock.now
    let solution = try builder.model.solve(settings: input.settings)
    let solved = clock.now
    var periods: [DCOPFPeriodResult] = []
    if solution.status == .optimal || solution.status == .almostOptimal {
      periods = try (0..<input.periods).map { try periodResult($0, builder: builder, solution: solution, factorization: factorization) }
    }
    return DCOPFResult(
      status: solution.status, objectiveUSD: solution.objective, periods: periods,
      infeasibilityMessage: solution.infeasibility?.message, report: solution.report,
      buildSeconds: seconds(built - start), solveSeconds: seconds(solved - built),
      variableCount: builder.model.variableCount, constraintCount: builder.model.constraintCount)
  }

  /// A duration in seconds.
  public static func seconds(_ duration: Duration) -> Double {
    duration.inSeconds
  }

  /// Results of period `t` (0-based) read from a solved model built by `builder` (variable demands included).
  public static func periodResult(
    _ t: Int, builder: DCOPFBuilder, solution: ModelSolution, factorization: DCFactorization
  ) throws -> DCOPFPeriodResult {
    let network = builder.network
    let input = builder.input
    let powerCase = input.powerCase
    var generatorMW = [Double](repeating: 0, count: powerCase.generators.count)
    var generationAtBus = [Double](repeating: 0, count: network.busCount)
    var cost = 0.0
    for (k, row) in network.generatorRows.enumerated() {
      let power = solution.value(builder.generation[t][k])
      generatorMW[row] = power
      generationAtBus[network.generatorBus[k]] += power
      if let curve = powerCase.generatorCosts?[row].curve { cost += curve.cost(atMW: power) }
    }
    let renewableMW = builder.renewable[t].map { solution.value($0) }
    let curtailmentMW = zip(input.renewables, renewableMW).map { max(0, $0.availableMW[t] - $1) }
    for (k, unit) in input.renewables.enumerated() { generationAtBus[network.busIndex[unit.busNumber]!] += renewableMW[k] }
    // Flow shadow prices per network branch: π of the flow row = −(μ⁺ − μ⁻).
    var flowPrice = [Double](repeating: 0, count: network.branchCount)
    for (k, l) in builder.monitoredBranches.enumerated() {
      flowPrice[l] = solution.shadowPrice(builder.flowRows[t][k])
    }
    // Congestion component: Σ_l H[l,n]·π_l = [B_red⁻¹·(Bfᵀπ)]_n, one solve instead of |lines| PTDF rows.
    let bfTransposePi = network.branchSusceptanceMatrix.transposeTimes(flowPrice)
    let congestion = factorization.solveAngles(injectionsPU: bfTransposePi)
    var lmp = [Double](repeating: .nan, count: network.busCount)
    var energy = [Double](repeating: .nan, count: network.busCount)
    var lmpCongestion = [Double](repeating: .nan, count: network.busCount)
    var demand = builder.demand[t]
    for load in builder.variableDemand { demand[load.bus] += solution.value(load.variables[t]) }
    switch input.formulation {
    case .btheta:
      for bus in 0..<network.busCount {
        if let row = builder.busBalance[t][bus] { lmp[bus] = solution.shadowPrice(row) }
      }
      for bus in 0..<network.busCount where network.islandOfBus[bus] >= 0 {
        energy[bus] = lmp[network.referenceBuses[network.islandOfBus[bus]]]
        lmpCongestion[bus] = congestion[bus]
      }
    case .ptdf:
      for bus in 0..<network.busCount where network.islandOfBus[bus] >= 0 {
        energy[bus] = solution.shadowPrice(builder.islandBalance[t][network.islandOfBus[bus]])
        lmpCongestion[bus] = congestion[bus]
        lmp[bus] = energy[bus] + congestion[bus]
      }
    }
    // Flows from the dispatch by DC power flow (exact for both formulations).
    var injections = [Double](repeating: 0, count: network.busCount)
    for bus in 0..<network.busCount { injections[bus] = generationAtBus[bus] - demand[bus] }
    let flows = try factorization.powerFlow(injectionsMW: injections).branchFlowsMW
    var binding: [Int] = []
    for (k, l) in builder.monitoredBranches.enumerated() {
      let window = builder.flowWindow[k]
      if flows[l] >= window.upper - 1e-4 || flows[l] <= window.lower + 1e-4 { binding.append(network.branchRows[l]) }
    }
    var rent = 0.0
    for bus in 0..<network.busCount where lmp[bus].isFinite { rent += lmp[bus] * (demand[bus] - generationAtBus[bus]) }
    return DCOPFPeriodResult(
      objectiveUSDPerHour: cost, lmp: lmp, lmpEnergy: energy, lmpCongestion: lmpCongestion, generatorMW: generatorMW,
      renewableMW: renewableMW, curtailmentMW: curtailmentMW, branchFlowMW: network.perCaseBranchRow(flows),
      branchShadowPriceUSDPerMWh: network.perCaseBranchRow(flowPrice.map { $0 == 0 ? 0 : -$0 }),
      bindingBranches: binding.sorted(), congestionRentUSDPerHour: rent, demandMW: demand)
  }
}
