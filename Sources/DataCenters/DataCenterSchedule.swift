import Optimization

/// The variables of one data center's 24-hour schedule inside a `Model` (one entry per hour unless noted).
/// Server counts are in thousands of servers (kilo-servers) so that all variables are of similar size.
public struct DataCenterVariables: Sendable {
  public var gridPower: [Variable]  // P_grid = P_DC (MW), D1 + D19
  public var itPower: [Variable]  // P_IT (MW)
  public var serverPower: [Variable]  // P_srv (MW)
  public var networkPower: [Variable]  // P_net (MW)
  public var coolingPower: [Variable]  // P_cool (MW)
  public var auxiliaryPower: [Variable]  // P_aux (MW)
  public var coolingOutput: [Variable]  // Q (MW thermal)
  public var indoorTemperature: [Variable]  // T_in, hours 1…NT+1 (°C)
  public var workload: [Variable]  // λ (kreq/s)
  public var interactive: [Variable]  // λ_IW (kreq/s)
  public var batch: [Variable]  // λ_BW (kreq/s)
  public var activeServers: [Variable]  // m (kilo-servers)
  public var interactiveServers: [Variable]  // m_IW (kilo-servers)
  public var batchServers: [Variable]  // m_BW (kilo-servers)
  /// The rows D14 (no market) or M4 (market): λ_IW + Σ_j x_ij = Λ_IW; their duals are the marginal IW cost.
  public var interactiveBalance: [ConstraintRef]
}

/// Builds one data center's feasible set D1–D20 (datacenter-market.md §3) into a `Model`; constraint families are
/// named after the spec's equations (`D1_total_power[dc,t]`, …, `D16_delay_bound[dc,t]`). The caller adds the
/// objective terms (depreciation D22, electricity D23, proximal terms) and, for the market, the trade terms.
public enum DataCenterSchedule {
  /// Adds the variables and constraints of `center` (index `k`, used in names) for `periods` hours.
  /// `purchases[t]` (Σ_j x_ij, the interactive work bought from peers) joins the IW balance M4; empty means D14.
  public static func add(
    _ center: DataCenter, index k: Int, periods: Int, to model: inout Model,
    purchases: [LinearExpression] = []
  ) -> DataCenterVariables {
    let hours = 0..<periods
    func variables(_ family: String, lower: Double = 0, upper: Double = .infinity, count: Int = periods) -> [Variable] {
      (0..<count).map { model.addVariable(Name(family, k + 1, $0 + 1), lower: lower, upper: upper) }
    }
    let grid = variables("P_grid", upper: center.gridLimitMw)  // D20
    let it = variables("P_IT")
    let server = variables("P_srv")
    let network = variables("P_net")
    let cooling = variables("P_cool")
    let auxiliary = variables("P_aux")
    let q = variables("Q", lower: center.coolingMinMw, upper: center.coolingMaxMw)  // D7
    // D8: T_min ≤ T_in ≤ T_max for hours 1…NT+1; T_in,1 fixed to its initial value.
    let temperature = variables("T_in", lower: center.indoorMinC, upper: center.indoorMaxC, count: periods + 1)
    model.setBounds(temperature[0], lower: center.initialIndoorC, upper: center.initialIndoorC)
    let workload = variables("lambda")
    let interactive = variables("lambda_IW")
    let batch = variables("lambda_BW")
    let kiloServers = center.servers / 1000
    let active = variables("m", upper: kiloServers)  // D18 (kilo-servers)
    let activeIW = variables("m_IW")
    let activeBW = variables("m_BW")
    var balance: [ConstraintRef] = []
    let dynamicMWPerKreq = 1e-3 * (center.peakPowerKw - center.idlePowerKw) / (center.serviceRate / 1000)
    let capacity = center.heatCapacity
    for t in hours {
      let n = Name.self
      /// (D1) total power = IT + cooling + auxiliary, bought from the grid (D19).
      model.addConstraint(n.init("D1_total_power", k + 1, t + 1), grid[t] - (it[t] + cooling[t] + 1 * auxiliary[t]), .equal(0))
      /// (D2) IT = servers + network; server power = idle·m + dynamic·λ.
      model.addConstraint(n.init("D2_it_power", k + 1, t + 1), it[t] - (server[t] + network[t]), .equal(0))
      model.addConstraint(
        n.init("D2_server_power", k + 1, t + 1),
        server[t] - (center.idlePowerKw * active[t] + dynamicMWPerKreq * workload[t]), .equal(0))
      /// (D3) network power ∝ share of active servers.
      model.addConstraint(
        n.init("D3_network_power", k + 1, t + 1),
        network[t] - (center.fullNetworkPowerMw / kiloServers) * active[t], .equal(0))
      /// (D4) auxiliary = β·IT.
      model.addConstraint(n.init("D4_auxiliary_power", k + 1, t + 1), auxiliary[t] - center.auxiliaryShare * it[t], .equal(0))
      /// (D5) cooling electricity = Q/COP.
      model.addConstraint(n.init("D5_cooling_power", k + 1, t + 1), cooling[t] - (1 / center.cop) * q[t], .equal(0))
      /// (D6) C·(T[t+1] − T[t]) = IT + aux − Q + K·(T_out − T[t]).
      var heat = capacity * temperature[t + 1] - capacity * temperature[t] - (it[t] + auxiliary[t]) + q[t]
      heat.add(temperature[t], center.envelopeConductance)
      model.addConstraint(
        n.init("D6_thermal_balance", k + 1, t + 1), heat,
        .equal(center.envelopeConductance * center.outdoorTemperatureC[t]))
      /// (D9) λ = λ_IW + λ_BW.
      model.addConstraint(n.init("D9_workload", k + 1, t + 1), workload[t] - (interactive[t] + batch[t]), .equal(0))
      /// (D14) λ_IW = Λ_IW, or (M4) λ_IW + Σ_j x_ij = Λ_IW.
      var served = interactive[t].expression
      if t < purchases.count { served.add(purchases[t]) }
      balance.append(
        model.addConstraint(n.init("D14_interactive_served", k + 1, t + 1), served, .equal(center.interactiveArrivals[t])))
      /// (D15) m = m_IW + m_BW.
      model.addConstraint(n.init("D15_servers", k + 1, t + 1), active[t] - (activeIW[t] + activeBW[t]), .equal(0))
      /// (D16) M/M/1 delay bound: m_IW ≥ λ_IW/(μ − 1/D) (kilo-servers).
      model.addConstraint(
        n.init("D16_delay_bound", k + 1, t + 1),
        center.interactiveRatePerKiloServer * activeIW[t] - interactive[t], .greaterEqual(0))
      /// (D17) batch servers at full utilisation: m_BW ≥ λ_BW/μ.
      model.addConstraint(
        n.init("D17_batch_servers", k + 1, t + 1), center.serviceRate * activeBW[t] - batch[t], .greaterEqual(0))
      /// (D13) cumulative batch processing between the deadline curve and the arrival curve.
      let (required, arrived) = batchWindow(center, through: t, periods: periods)
      model.addConstraint(
        n.init("D13_batch_window", k + 1, t + 1), sum(batch[0...t]),
        required == arrived ? .equal(arrived) : .range(lower: required, upper: arrived))
    }
    return DataCenterVariables(
      gridPower: grid, itPower: it, serverPower: server, networkPower: network, coolingPower: cooling,
      auxiliaryPower: auxiliary, coolingOutput: q, indoorTemperature: temperature, workload: workload,
      interactive: interactive, batch: batch, activeServers: active, interactiveServers: activeIW,
      batchServers: activeBW, interactiveBalance: balance)
  }

  /// (D10–D12) Dreq[t] = Σ_{τ ≤ t, min(τ+d, NT) ≤ t} Λ_BW[τ] and A[t] = Σ_{τ ≤ t} Λ_BW[τ] (kreq/s·h), 0-based t.
  public static func batchWindow(_ center: DataCenter, through t: Int, periods: Int) -> (required: Double, arrived: Double) {
    var required = 0.0
    var arrived = 0.0
    for tau in 0...t {
      arrived += center.batchArrivals[tau]
      if min(tau + center.batchDeadlineHours, periods - 1) <= t { required += center.batchArrivals[tau] }
    }
    return (required, arrived)
  }

  /// (D22) depreciation π_d·λ per hour as objective terms.
  public static func addDepreciation(_ center: DataCenter, _ variables: DataCenterVariables, to objective: inout LinearExpression) {
    for variable in variables.workload { objective.add(variable, center.depreciation) }
  }
}
