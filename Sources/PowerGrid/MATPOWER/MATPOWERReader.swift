import Foundation

/// Reads MATPOWER case files (format version 2) into `PowerCase` values.
///
/// Accepted syntax: `%` comments (and `%{ … %}` blocks), rows separated by `;` and/or new lines, entries by
/// blanks or commas, `...` line continuations, numbers such as `1e-3`, `Inf`, `-Inf`. Fields other than
/// `version`, `baseMVA`, `bus`, `gen`, `branch` and `gencost` (e.g. `bus_name`, `gentype`, `genfuel` cell
/// arrays) are skipped. Minimum columns: bus 10 (ZONE, VMAX, VMIN default to 1, 1.1, 0.9), gen 10,
/// branch 11 (ANGMIN, ANGMAX default to −360, 360), gencost 4 plus its cost data; further columns
/// (results such as `mu_Pmax`) are ignored.
///
/// Every problem is reported as a `CaseFileError` naming file, line, element and value; the reader
/// never traps on bad input.
public enum MATPOWERReader {
  public static let busColumns = [
    "BUS_I", "BUS_TYPE", "PD", "QD", "GS", "BS", "BUS_AREA", "VM", "VA", "BASE_KV", "ZONE", "VMAX", "VMIN",
  ]
  public static let generatorColumns = [
    "GEN_BUS", "PG", "QG", "QMAX", "QMIN", "VG", "MBASE", "GEN_STATUS", "PMAX", "PMIN", "PC1", "PC2",
    "QC1MIN", "QC1MAX", "QC2MIN", "QC2MAX", "RAMP_AGC", "RAMP_10", "RAMP_30", "RAMP_Q", "APF",
  ]
  public static let branchColumns = [
    "F_BUS", "T_BUS", "BR_R", "BR_X", "BR_B", "RATE_A", "RATE_B", "RATE_C", "TAP", "SHIFT", "BR_STATUS",
    "ANGMIN", "ANGMAX",
  ]
  public static let costColumns = ["MODEL", "STARTUP", "SHUTDOWN", "NCOST"]

  /// Reads a case file from disk. The case name is the file name without `.m`.
  public static func read(contentsOf url: URL) throws -> PowerCase {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CaseFileError(.io, file: url.path, message: "cannot read the file (\(error.localizedDescription))")
    }
    return try parse(bytes: [UInt8](data), file: url.lastPathComponent)
  }

  /// Reads a case file from a path.
  public static func read(path: String) throws -> PowerCase {
    try read(contentsOf: URL(fileURLWithPath: path))
  }

  /// Parses case text; `file` names the source in errors and gives the case name.
  public static func parse(_ text: String, file: String = "<text>") throws -> PowerCase {
    try parse(bytes: Array(text.utf8), file: file)
  }

  /// Parses case bytes (UTF-8 or ASCII); `file` names the source in errors and gives the case name.
  public static func parse(bytes: [UInt8], file: String) throws -> PowerCase {
    var scanner = MATLABCaseScanner(
      file: file, bytes: bytes, numericMatrices: ["bus", "gen", "branch", "gencost"],
      columnNames: [
        "bus": busColumns, "gen": generatorColumns, "branch": branchColumns, "gencost": costColumns,
      ])
    let raw = try scanner.scan()
    var builder = CaseBuilder(file: file, raw: raw)
    return try builder.build()
  }
}

/// Gives meaning to the raw matrices and checks them.
private struct CaseBuilder {
  let file: String
  let raw: RawCaseFile

  init(file: String, raw: RawCaseFile) {
    self.file = file
    self.raw = raw
  }

  func fail(_ kind: CaseFileError.Kind, line: Int?, element: String?, value: Double? = nil, _ message: String)
    -> CaseFileError
  {
    CaseFileError(kind, file: file, line: line, element: element, value: value.map(Self.format), message: message)
  }

  static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }

  /// Accessor for one matrix row with error helpers naming the element.
  struct Row {
    let builder: CaseBuilder
    let matrix: RawMatrix
    let names: [String]
    let index: Int  // 0-based
    var line: Int { matrix.rowLines[index] }
    var label: String { "\(matrix.name) row \(index + 1)" }

    func element(_ column: Int) -> String {
      "\(label), column \(column < names.count ? names[column] : String(column + 1))"
    }

    func raw(_ column: Int) -> Double { matrix[index, column] }

    func fail(_ column: Int, _ kind: CaseFileError.Kind, _ message: String) -> CaseFileError {
      builder.fail(kind, line: line, element: element(column), value: column < matrix.columnCount ? raw(column) : nil,
                   message)
    }

    /// A finite value; `defaultValue` when the optional column is absent.
    func fail(_ column: Int, _ message: String) -> CaseFileError { fail(column, .invalidValue, message) }

    func finite(_ column: Int, default defaultValue: Double? = nil) throws -> Double {
      guard column < matrix.columnCount else {
        if let defaultValue { return defaultValue }
        throw builder.fail(.columnCount, line: line, element: label, "column \(names[column]) is missing")
      }
      let value = raw(column)
      guard value.isFinite else { throw fail(column, "must be a finite number") }
      return value
    }

    /// A value that may be ±∞ (a limit) but not NaN.
    func limit(_ column: Int, default defaultValue: Double? = nil) throws -> Double {
      guard column < matrix.columnCount else {
        if let defaultValue { return defaultValue }
        throw builder.fail(.columnCount, line: line, element: label, "column \(names[column]) is missing")
      }
      let value = raw(column)
      guard !value.isNaN else { throw fail(column, "must be a number or ±Inf, not NaN") }
      return value
    }

    func integer(_ column: Int, default defaultValue: Int? = nil) throws -> Int {
      if column >= matrix.columnCount, let defaultValue { return defaultValue }
      let value = try finite(column)
      guard value == value.rounded(), abs(value) < 1e15 else { throw fail(column, "must be a whole number") }
      return Int(value)
    }
  }

  func matrix(_ name: String, required: Bool, minimumColumns: Int) throws -> RawMatrix? {
    guard let matrix = raw.matrices[name] else {
      if required {
        throw fail(.missingField, line: nil, element: "mpc.\(name)", "required field mpc.\(name) is missing")
      }
      return nil
    }
    if matrix.rowCount > 0, matrix.columnCount < minimumColumns {
      throw fail(
        .columnCount, line: matrix.rowLines[0], element: "\(name) row 1", value: Double(matrix.columnCount),
        "mpc.\(name) needs at least \(minimumColumns) columns")
    }
    return matrix
  }

  mutating func build() throws -> PowerCase {
    if let version = raw.strings["version"] ?? raw.numbers["version"].map({ (Self.format($0.value), $0.line) }),
      version.0 != "2"
    {
      throw CaseFileError(
        .unsupported, file: file, line: version.1, element: "mpc.version", value: version.0,
        message: "only MATPOWER case format version 2 is supported")
    }
    guard let base = raw.numbers["baseMVA"] else {
      throw fail(.missingField, line: nil, element: "mpc.baseMVA", "required field mpc.baseMVA is missing")
    }
    guard base.value.isFinite, base.value > 0 else {
      throw fail(.invalidValue, line: base.line, element: "mpc.baseMVA", value: base.value, "must be positive")
    }
    let busMatrix = try matrix("bus", required: true, minimumColumns: 10)!
    let genMatrix = try matrix("gen", required: true, minimumColumns: 10)!
    let branchMatrix = try matrix("branch", required: true, minimumColumns: 11)!
    let costMatrix = try matrix("gencost", required: false, minimumColumns: 4)

    guard busMatrix.rowCount > 0 else {
      throw fail(.missingField, line: busMatrix.line, element: "mpc.bus", "the bus matrix is empty")
    }
    let buses = try readBuses(busMatrix)
    var known = Set<Int>(minimumCapacity: buses.count)
    for bus in buses { known.insert(bus.number) }
    let generators = try readGenerators(genMatrix, known: known)
    let branches = try readBranches(branchMatrix, known: known)
    var active: [GeneratorCost]?
    var reactive: [GeneratorCost]?
    if let costMatrix, costMatrix.rowCount > 0 || !generators.isEmpty {
      let costs = try readCosts(costMatrix)
      if costs.count == generators.count {
        active = costs
      } else if costs.count == 2 * generators.count {
        active = Array(costs[0..<generators.count])
        reactive = Array(costs[generators.count...])
      } else {
        throw fail(
          .rowCountMismatch, line: costMatrix.line, element: "mpc.gencost", value: Double(costs.count),
          "gencost has \(costs.count) rows; expected one per generator (\(generators.count)) or two per generator (\(2 * generators.count))")
      }
    }
    let name = file.hasSuffix(".m") ? String(file.dropLast(2)) : file
    return PowerCase(
      name: name, source: file, baseMVA: base.value, buses: buses, generators: generators, branches: branches,
      generatorCosts: active, reactiveCosts: reactive)
  }

  func readBuses(_ matrix: RawMatrix) throws -> [Bus] {
    var buses: [Bus] = []
    buses.reserveCapacity(matrix.rowCount)
    var firstRowOf: [Int: Int] = [:]
    firstRowOf.reserveCapacity(matrix.rowCount)
    for index in 0..<matrix.rowCount {
      let row = Row(builder: self, matrix: matrix, names: MATPOWERReader.busColumns, index: index)
      let number = try row.integer(0)
      guard number > 0 else { throw row.fail(0, "bus numbers must be positive") }
      if let previous = firstRowOf[number] {
        throw row.fail(0, "bus number \(number) already used by bus row \(previous + 1)")
      }
      firstRowOf[number] = index
      let typeCode = try row.integer(1)
      guard let type = BusType(rawValue: typeCode) else {
        throw row.fail(1, "bus type must be 1 (PQ), 2 (PV), 3 (reference) or 4 (isolated)")
      }
      buses.append(
        Bus(
          number: number, type: type, demandMW: try row.finite(2), reactiveDemandMVAr: try row.finite(3),
          shuntConductanceMW: try row.finite(4), shuntSusceptanceMVAr: try row.finite(5), area: try row.integer(6),
          voltageMagnitude: try row.finite(7), voltageAngleDegrees: try row.finite(8), baseKV: try row.finite(9),
          zone: try row.integer(10, default: 1), maxVoltage: try row.limit(11, default: 1.1),
          minVoltage: try row.limit(12, default: 0.9), line: row.line))
    }
    return buses
  }

  func readGenerators(_ matrix: RawMatrix, known: Set<Int>) throws -> [Generator] {
    var generators: [Generator] = []
    generators.reserveCapacity(matrix.rowCount)
    for index in 0..<matrix.rowCount {
      let row = Row(builder: self, matrix: matrix, names: MATPOWERReader.generatorColumns, index: index)
      let bus = try row.integer(0)
      guard known.contains(bus) else { throw row.fail(0, .unknownBus, "generator is connected to bus \(bus), which is not in mpc.bus") }
      let pmax = try row.limit(8)
      let pmin = try row.limit(9)
      guard pmax >= pmin else {
        throw row.fail(8, "PMAX must be ≥ PMIN (PMIN = \(Self.format(pmin)))")
      }
      generators.append(
        Generator(
          bus: bus, outputMW: try row.finite(1), reactiveOutputMVAr: try row.finite(2),
          maxReactiveMVAr: try row.limit(3), minReactiveMVAr: try row.limit(4), voltageSetpoint: try row.finite(5),
          machineBaseMVA: try row.finite(6), status: try row.finite(7), maxOutputMW: pmax, minOutputMW: pmin,
          line: row.line))
    }
    return generators
  }

  func readBranches(_ matrix: RawMatrix, known: Set<Int>) throws -> [Branch] {
    var branches: [Branch] = []
    branches.reserveCapacity(matrix.rowCount)
    for index in 0..<matrix.rowCount {
      let row = Row(builder: self, matrix: matrix, names: MATPOWERReader.branchColumns, index: index)
      let from = try row.integer(0)
      guard known.contains(from) else { throw row.fail(0, .unknownBus, "branch starts at bus \(from), which is not in mpc.bus") }
      let to = try row.integer(1)
      guard known.contains(to) else { throw row.fail(1, .unknownBus, "branch ends at bus \(to), which is not in mpc.bus") }
      let status = try row.finite(10)
      let reactance = try row.finite(3)
      if status > 0, reactance == 0 {
        throw row.fail(3, "an in-service branch needs a non-zero reactance x (b = 1/x in the DC model)")
      }
      let rateA = try row.limit(5)
      guard rateA >= 0 else { throw row.fail(5, "RATE_A must be ≥ 0 (0 means unlimited)") }
      let fileTap = try row.finite(8)
      let tap = fileTap == 0 ? 1 : fileTap
      guard tap > 0 else { throw row.fail(8, "TAP must be positive (0 means a line, ratio 1)") }
      branches.append(
        Branch(
          fromBus: from, toBus: to, resistance: try row.finite(2), reactance: reactance,
          chargingSusceptance: try row.finite(4), rateAMVA: rateA, rateBMVA: try row.limit(6),
          rateCMVA: try row.limit(7), tapRatio: tap, shiftDegrees: try row.finite(9), status: status,
          minAngleDifferenceDegrees: try row.limit(11, default: -360),
          maxAngleDifferenceDegrees: try row.limit(12, default: 360), line: row.line))
    }
    return branches
  }

  func readCosts(_ matrix: RawMatrix) throws -> [GeneratorCost] {
    var costs: [GeneratorCost] = []
    costs.reserveCapacity(matrix.rowCount)
    for index in 0..<matrix.rowCount {
      let row = Row(builder: self, matrix: matrix, names: MATPOWERReader.costColumns, index: index)
      let model = try row.integer(0)
      let startup = try row.finite(1)
      let shutdown = try row.finite(2)
      let count = try row.integer(3)
      guard count >= 0 else { throw row.fail(3, "NCOST must be ≥ 0") }
      let curve: CostCurve
      switch model {
      case 1:
        guard count >= 1 else { throw row.fail(3, "a piecewise-linear cost needs at least one point") }
        guard 4 + 2 * count <= matrix.columnCount else {
          throw row.fail(3, .columnCount, "NCOST = \(count) points need \(4 + 2 * count) columns; the row has \(matrix.columnCount)")
        }
        var points: [CostPoint] = []
        for k in 0..<count {
          let mw = try row.finite(4 + 2 * k)
          let cost = try row.finite(5 + 2 * k)
          if let last = points.last, mw < last.mw {
            throw row.fail(4 + 2 * k, "piecewise-linear cost points must have nondecreasing MW (x\(k + 1) < x\(k))")
          }
          points.append(CostPoint(mw: mw, costPerHour: cost))
        }
        curve = .piecewiseLinear(points)
      case 2:
        guard 4 + count <= matrix.columnCount else {
          throw row.fail(3, .columnCount, "NCOST = \(count) coefficients need \(4 + count) columns; the row has \(matrix.columnCount)")
        }
        var coefficients: [Double] = []  // highest order first
        for k in 0..<count { coefficients.append(try row.finite(4 + k)) }
        // Accept higher-order polynomials only when their extra leading coefficients are zero.
        while coefficients.count > 3 {
          if coefficients[0] != 0 {
            throw row.fail(
              4, .unsupported,
              "polynomial cost of degree \(coefficients.count - 1) is not supported (at most quadratic)")
          }
          coefficients.removeFirst()
        }
        let padded = [Double](repeating: 0, count: 3 - coefficients.count) + coefficients
        curve = .polynomial(quadratic: padded[0], linear: padded[1], constant: padded[2])
      default:
        throw row.fail(0, .unsupported, "cost MODEL must be 1 (piecewise linear) or 2 (polynomial)")
      }
      costs.append(GeneratorCost(startupCost: startup, shutdownCost: shutdown, curve: curve, line: row.line))
    }
    return costs
  }
}
