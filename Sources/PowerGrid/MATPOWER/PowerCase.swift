/// A power system case as read from a MATPOWER format version 2 file.
///
/// Rows keep the file order and every row of the file, in service or not, so that results can be
/// reported per file row (`pg[k]` belongs to gen row k+1). Units are MATPOWER's: MW, MVAr, MVA, p.u. on
/// `baseMVA`, degrees. Buses are identified by their external number `Bus.number`.
public struct PowerCase: Sendable, Equatable {
  /// Case name (file name without `.m`).
  public var name: String
  /// Where the case came from, used in error messages (file path or name).
  public var source: String
  /// System MVA base (`mpc.baseMVA`).
  public var baseMVA: Double
  public var buses: [Bus]
  public var generators: [Generator]
  public var branches: [Branch]
  /// Active-power cost of each generator (same order as `generators`), or nil when the file has no
  /// `gencost`.
  public var generatorCosts: [GeneratorCost]?
  /// Reactive-power costs when `gencost` has 2·ngen rows (unused by the DC model).
  public var reactiveCosts: [GeneratorCost]?

  public init(
    name: String, source: String, baseMVA: Double, buses: [Bus], generators: [Generator], branches: [Branch],
    generatorCosts: [GeneratorCost]? = nil, reactiveCosts: [GeneratorCost]? = nil
  ) {
    self.name = name
    self.source = source
    self.baseMVA = baseMVA
    self.buses = buses
    self.generators = generators
    self.branches = branches
    self.generatorCosts = generatorCosts
    self.reactiveCosts = reactiveCosts
  }

  /// Sum of bus active demand PD over all buses (MW), isolated buses included; GS not included.
  public var totalDemandMW: Double { buses.reduce(0) { $0 + $1.demandMW } }
}

/// MATPOWER bus type (`BUS_TYPE`).
public enum BusType: Int, Sendable, Equatable, CaseIterable {
  /// PQ bus (1).
  case pq = 1
  /// PV bus (2).
  case pv = 2
  /// Reference (slack) bus (3).
  case reference = 3
  /// Isolated bus (4): ignored by the network together with its branches and generators.
  case isolated = 4
}

/// One row of `mpc.bus`.
public struct Bus: Sendable, Equatable {
  /// External bus number `BUS_I` (positive, unique, not necessarily consecutive).
  public var number: Int
  public var type: BusType
  /// Active demand PD (MW).
  public var demandMW: Double
  /// Reactive demand QD (MVAr).
  public var reactiveDemandMVAr: Double
  /// Shunt conductance GS (MW demanded at V = 1 p.u.); counted as load by the DC model.
  public var shuntConductanceMW: Double
  /// Shunt susceptance BS (MVAr injected at V = 1 p.u.).
  public var shuntSusceptanceMVAr: Double
  public var area: Int
  /// Voltage magnitude VM (p.u.).
  public var voltageMagnitude: Double
  /// Voltage angle VA (degrees).
  public var voltageAngleDegrees: Double
  /// Base voltage BASE_KV (kV).
  public var baseKV: Double
  /// ZONE (1 when the column is absent).
  public var zone: Int
  /// VMAX, VMIN (p.u.; 1.1 and 0.9 when the columns are absent).
  public var maxVoltage: Double
  public var minVoltage: Double
  /// Line of the row in the source file.
  public var line: Int

  public init(
    number: Int, type: BusType, demandMW: Double, reactiveDemandMVAr: Double = 0, shuntConductanceMW: Double = 0,
    shuntSusceptanceMVAr: Double = 0, area: Int = 1, voltageMagnitude: Double = 1, voltageAngleDegrees: Double = 0,
    baseKV: Double = 0, zone: Int = 1, maxVoltage: Double = 1.1, minVoltage: Double = 0.9, line: Int = 0
  ) {
    self.number = number
    self.type = type
    self.demandMW = demandMW
    self.reactiveDemandMVAr = reactiveDemandMVAr
    self.shuntConductanceMW = shuntConductanceMW
    self.shuntSusceptanceMVAr = shuntSusceptanceMVAr
    self.area = area
    self.voltageMagnitude = voltageMagnitude
    self.voltageAngleDegrees = voltageAngleDegrees
    self.baseKV = baseKV
    self.zone = zone
    self.maxVoltage = maxVoltage
    self.minVoltage = minVoltage
    self.line = line
  }
}

/// One row of `mpc.gen`. Out-of-service rows are kept (`isInService == false`).
public struct Generator: Sendable, Equatable {
  /// External number of the bus the generator is connected to (`GEN_BUS`).
  public var bus: Int
  /// PG, QG (MW, MVAr): the dispatch stored in the file.
  public var outputMW: Double
  public var reactiveOutputMVAr: Double
  /// QMAX, QMIN (MVAr).
  public var maxReactiveMVAr: Double
  public var minReactiveMVAr: Double
  /// VG (p.u.) and MBASE (MVA).
  public var voltageSetpoint: Double
  public var machineBaseMVA: Double
  /// GEN_STATUS as written; > 0 means in service.
  public var status: Double
  /// PMAX, PMIN (MW); PMAX ≥ PMIN is checked by the reader. May be ±∞.
  public var maxOutputMW: Double
  public var minOutputMW: Double
  public var line: Int

  public var isInService: Bool { status > 0 }

  public init(
    bus: Int, outputMW: Double = 0, reactiveOutputMVAr: Double = 0, maxReactiveMVAr: Double = 0,
    minReactiveMVAr: Double = 0, voltageSetpoint: Double = 1, machineBaseMVA: Double = 100, status: Double = 1,
    maxOutputMW: Double, minOutputMW: Double = 0, line: Int = 0
  ) {
    self.bus = bus
    self.outputMW = outputMW
    self.reactiveOutputMVAr = reactiveOutputMVAr
    self.maxReactiveMVAr = maxReactiveMVAr
    self.minReactiveMVAr = minReactiveMVAr
    self.voltageSetpoint = voltageSetpoint
    self.machineBaseMVA = machineBaseMVA
    self.status = status
    self.maxOutputMW = maxOutputMW
    self.minOutputMW = minOutputMW
    self.line = line
  }
}

/// One row of `mpc.branch`. Out-of-service rows are kept (`isInService == false`).
public struct Branch: Sendable, Equatable {
  /// External numbers of the from and to buses (F_BUS, T_BUS).
  public var fromBus: Int
  public var toBus: Int
  /// BR_R, BR_X, BR_B (p.u. on baseMVA).
  public var resistance: Double
  public var reactance: Double
  public var chargingSusceptance: Double
  /// RATE_A, RATE_B, RATE_C (MVA); 0 means unlimited.
  public var rateAMVA: Double
  public var rateBMVA: Double
  public var rateCMVA: Double
  /// Off-nominal tap ratio; the file's TAP = 0 (a line) is stored as 1.
  public var tapRatio: Double
  /// Phase shift SHIFT (degrees), positive = from-bus angle advanced.
  public var shiftDegrees: Double
  /// BR_STATUS as written; > 0 means in service.
  public var status: Double
  /// ANGMIN, ANGMAX (degrees) as written; see `angleDifferenceLimits`.
  public var minAngleDifferenceDegrees: Double
  public var maxAngleDifferenceDegrees: Double
  public var line: Int

  public var isInService: Bool { status > 0 }

  /// Whether RATE_A limits the flow (RATE_A > 0 and finite; 0 means unlimited).
  public var hasFlowLimit: Bool { rateAMVA > 0 && rateAMVA.isFinite }

  /// Angle-difference limits in degrees that MATPOWER enforces: a bound counts only when it is non-zero
  /// and strictly inside (−360, 360), per MATPOWER's `opf_setup`.
  public var angleDifferenceLimits: (min: Double?, max: Double?) {
    let lower = minAngleDifferenceDegrees
    let upper = maxAngleDifferenceDegrees
    return (
      lower != 0 && lower > -360 ? lower : nil,
      upper != 0 && upper < 360 ? upper : nil
    )
  }

  public init(
    fromBus: Int, toBus: Int, resistance: Double = 0, reactance: Double, chargingSusceptance: Double = 0,
    rateAMVA: Double = 0, rateBMVA: Double = 0, rateCMVA: Double = 0, tapRatio: Double = 1, shiftDegrees: Double = 0,
    status: Double = 1, minAngleDifferenceDegrees: Double = -360, maxAngleDifferenceDegrees: Double = 360, line: Int = 0
  ) {
    self.fromBus = fromBus
    self.toBus = toBus
    self.resistance = resistance
    self.reactance = reactance
    self.chargingSusceptance = chargingSusceptance
    self.rateAMVA = rateAMVA
    self.rateBMVA = rateBMVA
    self.rateCMVA = rateCMVA
    self.tapRatio = tapRatio
    self.shiftDegrees = shiftDegrees
    self.status = status
    self.minAngleDifferenceDegrees = minAngleDifferenceDegrees
    self.maxAngleDifferenceDegrees = maxAngleDifferenceDegrees
    self.line = line
  }
}

/// One row of `mpc.gencost`: the cost of a generator's output, in $/h as a function of P in MW.
public struct GeneratorCost: Sendable, Equatable {
  /// STARTUP, SHUTDOWN ($); read and kept, unused by the DC model.
  public var startupCost: Double
  public var shutdownCost: Double
  public var curve: CostCurve
  public var line: Int

  public init(startupCost: Double = 0, shutdownCost: Double = 0, curve: CostCurve, line: Int = 0) {
    self.startupCost = startupCost
    self.shutdownCost = shutdownCost
    self.curve = curve
    self.line = line
  }
}

/// A generator cost curve.
public enum CostCurve: Sendable, Equatable {
  /// MODEL 2: cost = quadratic·P² + linear·P + constant ($/h, P in MW). Polynomials of higher order
  /// whose extra leading coefficients are all zero are reduced to this form; others are rejected.
  case polynomial(quadratic: Double, linear: Double, constant: Double)
  /// MODEL 1: piecewise linear through the points (P in MW, cost in $/h), P nondecreasing.
  case piecewiseLinear([CostPoint])

  /// Cost in $/h at output `mw` (piecewise-linear curves are extended linearly beyond their ends).
  public func cost(atMW mw: Double) -> Double {
    switch self {
    case .polynomial(let a, let b, let c):
      return (a * mw + b) * mw + c
    case .piecewiseLinear(let points):
      guard let first = points.first else { return 0 }
      guard points.count > 1 else { return first.costPerHour }
      var k = 0
      while k < points.count - 2 && mw > points[k + 1].mw { k += 1 }
      let p0 = points[k]
      let p1 = points[k + 1]
      let width = p1.mw - p0.mw
      if width == 0 { return mw <= p0.mw ? p0.costPerHour : p1.costPerHour }
      return p0.costPerHour + (p1.costPerHour - p0.costPerHour) * (mw - p0.mw) / width
    }
  }
}

/// A breakpoint of a piecewise-linear cost curve.
public struct CostPoint: Sendable, Equatable {
  /// Output (MW).
  public var mw: Double
  /// Cost at that output ($/h).
  public var costPerHour: Double

  public init(mw: Double, costPerHour: Double) {
    self.mw = mw
    self.costPerHour = costPerHour
  }
}
