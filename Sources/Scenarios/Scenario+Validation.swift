import DataCenters

extension Scenario {
  /// Checks counts, signs and feasibility preconditions; errors name the field path and value.
  func validate(file: String) throws {
    func fail(_ field: String, _ message: String) -> ScenarioError {
      ScenarioError(file: file, field: field, message: message)
    }
    func hourly(_ values: [Double], _ field: String, nonNegative: Bool = true) throws {
      guard values.count == periods else { throw fail(field, "has \(values.count) values for \(periods) periods") }
      if let bad = values.firstIndex(where: { !$0.isFinite || (nonNegative && $0 < 0) }) {
        throw fail("\(field)[\(bad)]", "\(values[bad]) must be finite\(nonNegative ? " and ≥ 0" : "")")
      }
    }
    guard periods >= 1 else { throw fail("periods", "\(periods) must be at least 1") }
    try hourly(loadShape, "load_shape")
    if let scale = network.costScale, !(scale.isFinite && scale > 0) {
      throw fail("network.cost_scale", "\(scale) must be finite and > 0")
    }
    for (k, rating) in (network.branchRatings ?? []).enumerated() where !(rating.rateMw.isFinite && rating.rateMw >= 0) {
      throw fail("network.branch_ratings[\(k)].rate_mw", "\(rating.rateMw) must be finite and ≥ 0")
    }
    for (k, unit) in renewables.enumerated() {
      guard ["wind", "solar"].contains(unit.type) else {
        throw fail("renewables[\(k)].type", "'\(unit.type)' must be wind or solar")
      }
      guard unit.capacityMw.isFinite, unit.capacityMw >= 0 else {
        throw fail("renewables[\(k)].capacity_mw", "\(unit.capacityMw) must be finite and ≥ 0")
      }
      try hourly(unit.shape, "renewables[\(k)].shape")
    }
    guard !dataCenters.isEmpty else { throw fail("data_centers", "at least one data center is needed") }
    var names = Set<String>()
    for (k, center) in dataCenters.enumerated() {
      let path = "data_centers[\(k)]"
      guard names.insert(center.name).inserted else { throw fail("\(path).name", "'\(center.name)' is used twice") }
      let positive: [(String, Double)] = [
        ("servers", center.servers), ("peak_power_kw", center.peakPowerKw), ("service_rate", center.serviceRate),
        ("delay_bound", center.delayBound), ("cop", center.cop), ("air_density", center.airDensity),
        ("grid_limit_mw", center.gridLimitMw),
        ("air_specific_heat", center.airSpecificHeat), ("air_volume", center.airVolume),
      ]
      for (field, value) in positive where !(value.isFinite && value > 0) {
        throw fail("\(path).\(field)", "\(value) must be finite and > 0")
      }
      let nonNegative: [(String, Double)] = [
        ("idle_power_kw", center.idlePowerKw), ("edge_switches", center.edgeSwitches),
        ("aggregation_switches", center.aggregationSwitches), ("core_switches", center.coreSwitches),
        ("edge_switch_power_kw", center.edgeSwitchPowerKw),
        ("aggregation_switch_power_kw", center.aggregationSwitchPowerKw),
        ("core_switch_power_kw", center.coreSwitchPowerKw), ("auxiliary_share", center.auxiliaryShare),
        ("cooling_min_mw", center.coolingMinMw), ("envelope_conductance", center.envelopeConductance),
        ("service_fee", center.serviceFee),
        ("depreciation", center.depreciation),
      ]
      for (field, value) in nonNegative where !(value.isFinite && value >= 0) {
        throw fail("\(path).\(field)", "\(value) must be finite and ≥ 0")
      }
      guard center.idlePowerKw <= center.peakPowerKw else {
        throw fail("\(path).idle_power_kw", "\(center.idlePowerKw) exceeds peak_power_kw \(center.peakPowerKw)")
      }
      guard center.coolingMinMw <= center.coolingMaxMw else {
        throw fail("\(path).cooling_max_mw", "\(center.coolingMaxMw) is below cooling_min_mw \(center.coolingMinMw)")
      }
      guard center.indoorMinC <= center.indoorMaxC,
        (center.indoorMinC...center.indoorMaxC).contains(center.initialIndoorC)
      else {
        throw fail(
          "\(path).initial_indoor_c",
          "\(center.initialIndoorC) must lie in the band [\(center.indoorMinC), \(center.indoorMaxC)] °C")
      }
      guard center.serviceRate > 1 / center.delayBound else {
        throw fail(
          "\(path).delay_bound",
          "\(center.delayBound) s cannot be met: the M/M/1 bound needs service_rate \(center.serviceRate) > 1/delay_bound")
      }
      guard center.batchDeadlineHours >= 0 else {
        throw fail("\(path).batch_deadline_hours", "\(center.batchDeadlineHours) must be ≥ 0")
      }
      try hourly(center.interactiveArrivals, "\(path).interactive_arrivals")
      try hourly(center.batchArrivals, "\(path).batch_arrivals")
      try hourly(center.outdoorTemperatureC, "\(path).outdoor_temperature_c", nonNegative: false)
      let needed = (center.interactiveArrivals.max() ?? 0) / center.interactiveRatePerKiloServer * 1000
      if market == nil, needed > center.servers {
        throw fail(
          "\(path).interactive_arrivals",
          "peak \(center.interactiveArrivals.max() ?? 0) kreq/s needs \(Int(needed.rounded(.up))) servers for the delay bound; only \(Int(center.servers)) installed")
      }
    }
    guard ["admm", "bisection"].contains(coordination.method) else {
      throw fail("coordination.method", "'\(coordination.method)' must be admm or bisection")
    }
    let settings: [(String, Double)] = [
      ("rho", coordination.rho), ("tolerance_mw", coordination.toleranceMw),
      ("price_tolerance", coordination.priceTolerance), ("voll", coordination.voll),
    ]
    for (field, value) in settings where !(value.isFinite && value > 0) {
      throw fail("coordination.\(field)", "\(value) must be finite and > 0")
    }
    guard coordination.maxIterations >= 1 else {
      throw fail("coordination.max_iterations", "\(coordination.maxIterations) must be at least 1")
    }
    if let market, !(market.pairLimitKreqS.isFinite && market.pairLimitKreqS >= 0) {
      throw fail("market.pair_limit_kreq_s", "\(market.pairLimitKreqS) must be finite and ≥ 0")
    }
  }
}
