import Optimization
import Testing

@testable import DataCenters

/// A small data center: 20 000 servers, 834 edge and aggregation and 417 core switches, COP 4, fixed 25 °C.
func smallCenter(hours: Int, interactive: [Double], batch: [Double], outdoor: Double = 30) -> DataCenter {
  DataCenter(
    name: "test", bus: 1, servers: 20000, idlePowerKw: 0.15, peakPowerKw: 0.30, serviceRate: 100, delayBound: 0.05,
    edgeSwitches: 834, aggregationSwitches: 834, coreSwitches: 417, edgeSwitchPowerKw: 0.12,
    aggregationSwitchPowerKw: 0.15, coreSwitchPowerKw: 0.20, auxiliaryShare: 0.10, cop: 4, coolingMinMw: 0,
    coolingMaxMw: 20, airDensity: 1.2, airSpecificHeat: 1005, airVolume: 50000, envelopeConductance: 0.06,
    indoorMinC: 25, indoorMaxC: 25, initialIndoorC: 25, gridLimitMw: 30, batchDeadlineHours: 2, serviceFee: 1.3,
    depreciation: 0.32, interactiveArrivals: interactive, batchArrivals: batch,
    outdoorTemperatureC: [Double](repeating: outdoor, count: hours))
}

/// Solves one centre at `prices` ($/MWh per hour): minimise depreciation + electricity (D24).
func schedule(_ center: DataCenter, prices: [Double]) throws -> (ModelSolution, DataCenterVariables) {
  var model = Model()
  let variables = DataCenterSchedule.add(center, index: 0, periods: prices.count, to: &model)
  var objective = LinearExpression()
  DataCenterSchedule.addDepreciation(center, variables, to: &objective)
  for (t, power) in variables.gridPower.enumerated() { objective.add(power, prices[t]) }
  model.setObjective(linear: objective)
  return (try model.solve(settings: .priceGrade), variables)
}

@Suite("Data-center model D1–D20 (datacenter-market.md §3)")
struct DataCenterScheduleTests {
  /// Hand-worked hour: 800 kreq/s of interactive work needs m_IW = 800/(100 − 1/0.05) = 10 000 servers (D16);
  /// P_srv = 0.15 kW·10 000 + 1.5e-3 MW per kreq/s·800 = 2.7 MW (D2); switches 0.30858 MW for all 20 000 servers,
  /// so P_net = 0.15429 MW (D3); P_IT = 2.85429; Q = 1.1·P_IT + 0.06·(30 − 25) = 3.439719 MW (D4, D6');
  /// P_grid = 1.1·P_IT + Q/4 = 3.99965 MW (D1, D5).
  @Test func handWorkedHour() throws {
    let center = smallCenter(hours: 1, interactive: [800], batch: [0])
    let (solution, variables) = try schedule(center, prices: [50])
    #expect(solution.status == .optimal)
    #expect(abs(solution.value(variables.interactiveServers[0]) - 10) <= 1e-7)
    #expect(abs(solution.value(variables.serverPower[0]) - 2.7) <= 1e-8)
    #expect(abs(solution.value(variables.networkPower[0]) - 0.15429) <= 1e-8)
    #expect(abs(solution.value(variables.coolingOutput[0]) - 3.439719) <= 1e-7)
    #expect(abs(solution.value(variables.gridPower[0]) - 3.9996480) <= 1e-6)
    #expect(abs(solution.objective - (0.32 * 800 + 50 * 3.9996480)) <= 1e-4)
  }

  /// §10 checks 4–6 on a 6-hour schedule: energy identities, delay bound, temperature, batch deadlines.
  @Test func scheduleSatisfiesTheModel() throws {
    let interactive = [500.0, 400, 900, 1200, 1000, 600]
    let batch = [100.0, 300, 200, 100, 400, 100]
    let center = smallCenter(hours: 6, interactive: interactive, batch: batch)
    let (solution, v) = try schedule(center, prices: [40, 30, 90, 120, 60, 35])
    #expect(solution.status == .optimal)
    var processed = 0.0
    for t in 0..<6 {
      let it = solution.value(v.itPower[t])
      let q = solution.value(v.coolingOutput[t])
      // (D1–D5) P_grid = (1 + β)·P_IT + Q/COP; (D6') Q = (1 + β)·P_IT + K·(T_out − 25).
      #expect(abs(solution.value(v.gridPower[t]) - (1.1 * it + q / 4)) <= 1e-7)
      #expect(abs(q - (1.1 * it + 0.06 * 5)) <= 1e-7)
      // (D16) M/M/1: mean response 1/(μ − λ_IW per server) ≤ D, i.e. m_IW·(μ − 1/D) ≥ λ_IW.
      let servers = solution.value(v.interactiveServers[t]) * 1000
      let perServer = solution.value(v.interactive[t]) * 1000 / servers
      #expect(1 / (100 - perServer) <= 0.05 + 1e-9)
      #expect(solution.value(v.activeServers[t]) * 1000 <= 20000 + 1e-6)
      // (D8) temperature band.
      #expect(abs(solution.value(v.indoorTemperature[t + 1]) - 25) <= 1e-9)
      // (D13) cumulative batch between the deadline curve and the arrivals.
      processed += solution.value(v.batch[t])
      let window = DataCenterSchedule.batchWindow(center, through: t, periods: 6)
      #expect(processed >= window.required - 1e-6 && processed <= window.arrived + 1e-6)
      #expect(abs(solution.value(v.interactive[t]) - interactive[t]) <= 1e-7)
    }
    #expect(abs(processed - batch.reduce(0, +)) <= 1e-6)
  }

  /// Deadline curve by hand: d = 2 h over 6 hours, arrivals 100, 300, 200, 100, 400, 100 kreq/s·h.
  @Test func batchWindowByHand() {
    let center = smallCenter(hours: 6, interactive: [0, 0, 0, 0, 0, 0], batch: [100, 300, 200, 100, 400, 100])
    let windows = (0..<6).map { DataCenterSchedule.batchWindow(center, through: $0, periods: 6) }
    #expect(windows.map(\.arrived) == [100, 400, 600, 700, 1100, 1200])
    // Work arriving in hour τ is due by hour min(τ + 2, 6); everything is due at the end.
    #expect(windows.map(\.required) == [0, 0, 100, 400, 600, 1200])
  }

  /// A data center facing a higher LMP in one hour shifts batch work out of it.
  @Test func higherPriceShiftsBatchOut() throws {
    let center = smallCenter(hours: 6, interactive: [500, 500, 500, 500, 500, 500], batch: [200, 200, 200, 200, 200, 200])
    let flat = [50.0, 50, 50, 50, 50, 50]
    var spiked = flat
    spiked[2] = 200
    let (base, v) = try schedule(center, prices: flat)
    let (shifted, w) = try schedule(center, prices: spiked)
    let before = base.value(v.batch[2])
    let after = shifted.value(w.batch[2])
    #expect(after < before - 1, "batch in the expensive hour: \(before) → \(after) kreq/s")
    #expect(shifted.value(w.gridPower[2]) < base.value(v.gridPower[2]))
  }

  /// Band variant (18–27 °C): the room temperature moves and the forward-Euler balance D6 holds every hour.
  @Test func thermalBalanceInTheBandVariant() throws {
    var center = smallCenter(hours: 4, interactive: [500, 900, 900, 500], batch: [0, 0, 0, 0], outdoor: 32)
    center.indoorMinC = 18
    center.indoorMaxC = 27
    let (solution, v) = try schedule(center, prices: [30, 200, 200, 30])
    #expect(solution.status == .optimal)
    let capacity = 1.2 * 1005 * 50000 / 3.6e9  // C = ρ·c·V/3.6e9 MWh/°C
    #expect(abs(center.heatCapacity - capacity) <= 1e-15)
    for t in 0..<4 {
      let now = solution.value(v.indoorTemperature[t])
      let next = solution.value(v.indoorTemperature[t + 1])
      let heat = solution.value(v.itPower[t]) + solution.value(v.auxiliaryPower[t]) - solution.value(v.coolingOutput[t])
        + 0.06 * (32 - now)
      #expect(abs(capacity * (next - now) - heat) <= 1e-7)
      #expect(next >= 18 - 1e-7 && next <= 27 + 1e-7)
    }
    #expect(abs(solution.value(v.indoorTemperature[0]) - 25) <= 1e-9)
  }
}
