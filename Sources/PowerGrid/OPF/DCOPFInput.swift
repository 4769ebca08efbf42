import Optimization

/// The network formulation of the DC-OPF.
public enum DCOPFFormulation: String, Sendable, CaseIterable {
  /// Bus voltage angles as variables, one power balance per bus; sparse, the default.
  case btheta
  /// Generation only; one balance per island and PTDF rows for the limited lines (dense rows).
  case ptdf
}

/// A zero-cost, curtailable wind or PV unit with per-period availability.
public struct RenewableUnit: Sendable, Equatable {
  public enum Kind: String, Sendable { case wind, solar }
  public var name: String
  /// External bus number (BUS_I) it is connected to.
  public var busNumber: Int
  public var kind: Kind
  /// Available power per period (MW, ≥ 0); dispatch may be curtailed below it.
  public var availableMW: [Double]

  public init(name: String, busNumber: Int, kind: Kind, availableMW: [Double]) {
    self.name = name
    self.busNumber = busNumber
    self.kind = kind
    self.availableMW = availableMW
  }
}

/// Everything a single- or multi-period DC-OPF needs (datacenter-market.md §4, MATPOWER's DC-OPF conventions):
/// lossless, b = 1/(x·tap), flows in MW at the from end, costs in $/h, one-hour periods, LMPs in $/MWh.
public struct DCOPFInput: Sendable {
  public var powerCase: PowerCase
  /// Number of hourly periods (default 1).
  public var periods: Int
  /// Per-period multiplier of every bus PD (GS is not scaled); default all 1.
  public var loadProfile: [Double]
  /// Multiplies every bus PD (not GS) in every period (the CLI's `--load-scale`).
  public var loadScale: Double
  /// Multiplies every RATE_A (0 stays unlimited; the CLI's `--rate-scale`).
  public var rateScale: Double
  /// Extra demand per period and bus (MW, indexed [period][internal bus]); e.g. data-center loads.
  public var additionalDemandMW: [[Double]]?
  public var renewables: [RenewableUnit]
  public var formulation: DCOPFFormulation
  /// Solver settings; the price-grade preset (tolerances 1e-9, polish) by default.
  public var settings: QPSettings

  public init(
    powerCase: PowerCase, periods: Int = 1, loadProfile: [Double]? = nil, loadScale: Double = 1, rateScale: Double = 1,
    additionalDemandMW: [[Double]]? = nil, renewables: [RenewableUnit] = [], formulation: DCOPFFormulation = .btheta,
    settings: QPSettings = .priceGrade
  ) {
    self.powerCase = powerCase
    self.periods = periods
    self.loadProfile = loadProfile ?? [Double](repeating: 1, count: periods)
    self.loadScale = loadScale
    self.rateScale = rateScale
    self.additionalDemandMW = additionalDemandMW
    self.renewables = renewables
    self.formulation = formulation
    self.settings = settings
  }
}

/// Input errors of the DC-OPF, each naming the element and value at fault.
public enum DCOPFError: Error, Equatable, Sendable, CustomStringConvertible {
  case invalidInput(String)

  public var description: String {
    switch self {
    case .invalidInput(let detail): return detail
    }
  }
}

extension DCOPFInput {
  /// Checks counts, signs and bus references before any model is built.
  func validate(network: Network) throws {
    func fail(_ text: String) -> DCOPFError { .invalidInput(text) }
    guard periods >= 1 else { throw fail("periods must be at least 1, got \(periods)") }
    guard loadProfile.count == periods else {
      throw fail("load profile has \(loadProfile.count) values for \(periods) period(s)")
    }
    for (t, value) in loadProfile.enumerated() where !(value.isFinite && value >= 0) {
      throw fail("load profile value for period \(t + 1) is \(value); it must be finite and ≥ 0")
    }
    guard loadScale.isFinite, loadScale >= 0 else { throw fail("load scale \(loadScale) must be finite and ≥ 0") }
    guard rateScale.isFinite, rateScale > 0 else { throw fail("rate scale \(rateScale) must be finite and > 0") }
    if let extra = additionalDemandMW {
      guard extra.count == periods, extra.allSatisfy({ $0.count == network.busCount }) else {
        throw fail("additional demand must have \(periods) period(s) × \(network.busCount) buses")
      }
    }
    for unit in renewables {
      guard let bus = network.busIndex[unit.busNumber] else {
        throw fail("renewable '\(unit.name)': unknown bus \(unit.busNumber)")
      }
      guard network.isBusActive[bus] else { throw fail("renewable '\(unit.name)': bus \(unit.busNumber) is isolated") }
      guard unit.availableMW.count == periods else {
        throw fail("renewable '\(unit.name)': \(unit.availableMW.count) availability values for \(periods) period(s)")
      }
      for (t, value) in unit.availableMW.enumerated() where !(value.isFinite && value >= 0) {
        throw fail("renewable '\(unit.name)': availability \(value) MW in period \(t + 1) must be finite and ≥ 0")
      }
    }
  }

  /// Demand seen by the DC model in period t (MW per internal bus): PD·scale·profile + GS + additional.
  func demandMW(network: Network, period t: Int) -> [Double] {
    (0..<network.busCount).map { bus in
      network.demandMW[bus] * loadScale * loadProfile[t] + network.shuntConductanceMW[bus]
        + (additionalDemandMW?[t][bus] ?? 0)
    }
  }
}
