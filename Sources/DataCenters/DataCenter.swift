/// The physical and economic parameters of one data center and its hourly inputs (datacenter-market.md §2.2,
/// §3). Powers in MW unless the name says kW; workloads in kreq/s (hourly averages); money in $.
public struct DataCenter: Sendable, Equatable, Codable {
  public var name: String
  /// External bus number (BUS_I) of its grid connection.
  public var bus: Int
  /// Installed servers M.
  public var servers: Double
  /// Server power at idle and at full load (kW).
  public var idlePowerKw: Double
  public var peakPowerKw: Double
  /// Service rate μ of one server (req/s).
  public var serviceRate: Double
  /// Mean interactive response-time bound D (s); requires μ > 1/D.
  public var delayBound: Double
  /// Switch counts and powers (kW): edge, aggregation, core.
  public var edgeSwitches: Double
  public var aggregationSwitches: Double
  public var coreSwitches: Double
  public var edgeSwitchPowerKw: Double
  public var aggregationSwitchPowerKw: Double
  public var coreSwitchPowerKw: Double
  /// Auxiliary power as a share β of IT power.
  public var auxiliaryShare: Double
  /// Cooling coefficient of performance.
  public var cop: Double
  /// Thermal cooling output limits (MW).
  public var coolingMinMw: Double
  public var coolingMaxMw: Double
  /// Air density (kg/m³), specific heat (J/(kg·°C)) and effective air volume (m³): C = ρ·c·V/3.6e9 MWh/°C.
  public var airDensity: Double
  public var airSpecificHeat: Double
  public var airVolume: Double
  /// Envelope heat-exchange coefficient K (MW/°C).
  public var envelopeConductance: Double
  /// Indoor temperature band and initial value (°C).
  public var indoorMinC: Double
  public var indoorMaxC: Double
  public var initialIndoorC: Double
  /// Grid connection limit (MW).
  public var gridLimitMw: Double
  /// Batch deadline d (hours after the arrival hour).
  public var batchDeadlineHours: Int
  /// Service fee π_s and depreciation π_d ($ per kreq/s·h).
  public var serviceFee: Double
  public var depreciation: Double
  /// Hourly interactive and batch arrivals Λ (kreq/s) and outdoor temperature (°C).
  public var interactiveArrivals: [Double]
  public var batchArrivals: [Double]
  public var outdoorTemperatureC: [Double]

  /// Lumped indoor heat capacity C (MWh/°C).
  public var heatCapacity: Double { airDensity * airSpecificHeat * airVolume / 3.6e9 }
  /// Interactive kreq/s one thousand servers can carry within the delay bound: μ − 1/D (D16).
  public var interactiveRatePerKiloServer: Double { serviceRate - 1 / delayBound }
  /// Network power (MW) with every server on: Σ switches × power (D3).
  public var fullNetworkPowerMw: Double {
    1e-3 * (edgeSwitches * edgeSwitchPowerKw + aggregationSwitches * aggregationSwitchPowerKw
      + coreSwitches * coreSwitchPowerKw)
  }
  /// Revenue R from own end users over the horizon ($, D21).
  public var revenue: Double { serviceFee * (interactiveArrivals.reduce(0, +) + batchArrivals.reduce(0, +)) }
}
