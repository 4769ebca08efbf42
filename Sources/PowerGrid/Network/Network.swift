import SparseAlgebra

/// The lossless DC model of a `PowerCase`, in MATPOWER's conventions (`makeBdc`):
///
/// - every bus of the case has an internal index (file order); `busIndex[number]` maps external → internal;
/// - network branches are the in-service branches whose two ends are not isolated (BUS_TYPE 4); generators
///   likewise must be in service and at a non-isolated bus (as MATPOWER's `ext2int` does);
/// - branch susceptance `b = 1 / (x · tap)` (p.u.), flow at the from end `P_f = baseMVA·b·(θ_f − θ_t − shift)`
///   in MW with shift in radians, i.e. `P_f = baseMVA·(Bf·θ)_l + Pfinj_l` with `Pfinj_l = −b·shift·baseMVA`;
/// - `B = Cfᵀ·Bf` (p.u.), bus phase-shift injection `Pbusinj = Cfᵀ·Pfinj` (MW);
/// - bus demand seen by the DC model is `PD + GS` (MW; GS is the shunt conductance at V = 1 p.u.).
///
/// Islands are the connected components of the non-isolated buses over the network branches. Each one needs
/// an in-service generator and a reference bus (BUS_TYPE 3; the first in file order is used if several);
/// otherwise building the network fails with a `NetworkError` naming the island's buses.
public struct Network: Sendable {
  /// Source file of the case (for messages).
  public let source: String
  /// System base (MVA).
  public let baseMVA: Double
  /// External bus number of each internal bus index (file order).
  public let busNumbers: [Int]
  /// External bus number → internal index.
  public let busIndex: [Int: Int]
  /// False for isolated buses (BUS_TYPE 4), which take no part in the network.
  public let isBusActive: [Bool]
  /// Active demand PD per bus (MW; 0 at isolated buses).
  public let demandMW: [Double]
  /// Shunt conductance GS per bus (MW at V = 1 p.u.; 0 at isolated buses).
  public let shuntConductanceMW: [Double]

  /// For each network branch, its 0-based row in `PowerCase.branches`.
  public let branchRows: [Int]
  /// Internal from/to bus index of each network branch.
  public let branchFrom: [Int]
  public let branchTo: [Int]
  /// `1 / (x · tap)` of each network branch (p.u.).
  public let branchSusceptance: [Double]
  /// Phase shift of each network branch (radians).
  public let branchShiftRadians: [Double]
  /// RATE_A of each network branch (MVA, 0 = unlimited).
  public let branchRateMVA: [Double]
  /// `Pfinj = −b·shift·baseMVA` (MW): the from-end flow of each branch caused by its phase shift alone.
  public let phaseShiftFlowMW: [Double]
  /// `Pbusinj = Cfᵀ·Pfinj` (MW): the equivalent bus injections of the phase shifters.
  public let phaseShiftInjectionMW: [Double]

  /// Bus susceptance matrix B (n × n, p.u.), n = all buses (isolated buses have empty rows/columns).
  public let susceptanceMatrix: CSCMatrix
  /// Branch–bus matrix Bf (m × n, p.u.): flow (p.u.) = Bf·θ + Pfinj/baseMVA.
  public let branchSusceptanceMatrix: CSCMatrix

  /// 0-based rows in `PowerCase.generators` of the generators in the network, and their bus index.
  public let generatorRows: [Int]
  public let generatorBus: [Int]

  /// Islands: internal bus indices, each sorted, islands ordered by their first bus.
  public let islands: [[Int]]
  /// Island of each bus, −1 for isolated buses.
  public let islandOfBus: [Int]
  /// Reference bus (internal index) of each island.
  public let referenceBuses: [Int]
  /// Reference angle of each island (radians; the case's VA at its reference bus).
  public let referenceAngles: [Double]

  public var busCount: Int { busNumbers.count }
  public var branchCount: Int { branchRows.count }
  /// Number of branch rows in the case (network branches and others).
  public let caseBranchCount: Int
  /// Number of generator rows in the case.
  public let caseGeneratorCount: Int

  /// Builds the DC network; throws `NetworkError` for islands without generator or reference bus.
  public init(_ powerCase: PowerCase) throws {
    source = powerCase.source
    baseMVA = powerCase.baseMVA
    let n = powerCase.buses.count
    busNumbers = powerCase.buses.map(\.number)
    var index: [Int: Int] = [:]
    index.reserveCapacity(n)
    for (k, number) in busNumbers.enumerated() { index[number] = k }
    busIndex = index
    let active = powerCase.buses.map { $0.type != .isolated }
    isBusActive = active
    demandMW = powerCase.buses.enumerated().map { active[$0.offset] ? $0.element.demandMW : 0 }
    shuntConductanceMW = powerCase.buses.enumerated().map { active[$0.offset] ? $0.element.shuntConductanceMW : 0 }
    caseBranchCount = powerCase.branches.count
    caseGeneratorCount = powerCase.generators.count

    var rows: [Int] = []
    var from: [Int] = []
    var to: [Int] = []
    var susceptance: [Double] = []
    var shift: [Double] = []
    var rate: [Double] = []
    for (row, branch) in powerCase.branches.enumerated() where branch.isInService {
      // The reader guarantees both buses exist.
      guard let f = index[branch.fromBus], let t = index[branch.toBus], active[f], active[t] else { continue }
      rows.append(row)
      from.append(f)
      to.append(t)
      susceptance.append(1 / (branch.reactance * branch.tapRatio))
      shift.append(branch.shiftDegrees * .pi / 180)
      rate.append(branch.rateAMVA)
    }
    branchRows = rows
    branchFrom = from
    branchTo = to
    branchSusceptance = susceptance
    branchShiftRadians = shift
    branchRateMVA = rate
    let m = rows.count
    let base = powerCase.baseMVA
    let pfinj = (0..<m).map { -susceptance[$0] * shift[$0] * base }
    phaseShiftFlowMW = pfinj
    var pbusinj = [Double](repeating: 0, count: n)
    for l in 0..<m {
      pbusinj[from[l]] += pfinj[l]
      pbusinj[to[l]] -= pfinj[l]
    }
    phaseShiftInjectionMW = pbusinj

    var bf = TripletBuilder(rowCount: m, columnCount: n, reserve: 2 * m)
    var bbus = TripletBuilder(rowCount: n, columnCount: n, reserve: 4 * m + n)
    for l in 0..<m {
      let b = susceptance[l]
      bf.append(row: l, column: from[l], value: b)
      bf.append(row: l, column: to[l], value: -b)
      bbus.append(row: from[l], column: from[l], value: b)
      bbus.append(row: to[l], column: to[l], value: b)
      bbus.append(row: from[l], column: to[l], value: -b)
      bbus.append(row: to[l], column: from[l], value: -b)
    }
    do {
      branchSusceptanceMatrix = try bf.makeCSC()
      susceptanceMatrix = try bbus.makeCSC()
    } catch {
      throw NetworkError.factorizationFailed(source: powerCase.source, detail: "\(error)")
    }

    var genRows: [Int] = []
    var genBus: [Int] = []
    for (row, generator) in powerCase.generators.enumerated() where generator.isInService {
      guard let bus = index[generator.bus], active[bus] else { continue }
      genRows.append(row)
      genBus.append(bus)
    }
    generatorRows = genRows
    generatorBus = genBus

    // Islands by union–find over the network branches.
    var parent = Array(0..<n)
    func root(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    for l in 0..<m {
      let a = root(from[l])
      let b = root(to[l])
      if a != b { parent[max(a, b)] = min(a, b) }
    }
    var islandOfRoot: [Int: Int] = [:]
    var islandList: [[Int]] = []
    var islandOf = [Int](repeating: -1, count: n)
    for bus in 0..<n where active[bus] {
      let r = root(bus)
      if let island = islandOfRoot[r] {
        islandList[island].append(bus)
        islandOf[bus] = island
      } else {
        islandOfRoot[r] = islandList.count
        islandOf[bus] = islandList.count
        islandList.append([bus])
      }
    }
    var hasGenerator = [Bool](repeating: false, count: islandList.count)
    for bus in genBus { hasGenerator[islandOf[bus]] = true }
    var references: [Int] = []
    var angles: [Double] = []
    for (island, buses) in islandList.enumerated() {
      let external = buses.map { powerCase.buses[$0].number }
      guard hasGenerator[island] else {
        throw NetworkError.islandWithoutGenerator(source: powerCase.source, buses: external)
      }
      guard let reference = buses.first(where: { powerCase.buses[$0].type == .reference }) else {
        throw NetworkError.islandWithoutReference(source: powerCase.source, buses: external)
      }
      references.append(reference)
      angles.append(powerCase.buses[reference].voltageAngleDegrees * .pi / 180)
    }
    islands = islandList
    islandOfBus = islandOf
    referenceBuses = references
    referenceAngles = angles
  }

  /// Internal index of an external bus number, or a `NetworkError` naming it.
  public func index(ofBus number: Int) throws -> Int {
    guard let k = busIndex[number] else {
      throw NetworkError.invalidArgument("\(source): bus \(number) is not in the case")
    }
    return k
  }

  /// Bus demand of the DC model, `PD + GS` (MW), per bus.
  public var loadsMW: [Double] { zip(demandMW, shuntConductanceMW).map { $0 + $1 } }

  /// Generation per bus (MW) from an output per case generator row; rows not in the network are ignored.
  public func busGenerationMW(generatorOutputMW: [Double]) throws -> [Double] {
    guard generatorOutputMW.count == caseGeneratorCount else {
      throw NetworkError.invalidArgument(
        "\(generatorOutputMW.count) generator outputs given, the case has \(caseGeneratorCount) gen rows")
    }
    var generation = [Double](repeating: 0, count: busCount)
    for (k, row) in generatorRows.enumerated() { generation[generatorBus[k]] += generatorOutputMW[row] }
    return generation
  }

  /// Net injection per bus, generation − PD − GS (MW), for an output per case generator row.
  public func netInjectionsMW(generatorOutputMW: [Double]) throws -> [Double] {
    var injection = try busGenerationMW(generatorOutputMW: generatorOutputMW)
    for bus in 0..<busCount { injection[bus] -= demandMW[bus] + shuntConductanceMW[bus] }
    return injection
  }

  /// Net injections with the dispatch stored in the case file (PG of each generator row).
  public func netInjectionsMW(filedDispatchOf powerCase: PowerCase) throws -> [Double] {
    try netInjectionsMW(generatorOutputMW: powerCase.generators.map(\.outputMW))
  }

  /// Spreads values per network branch over the case's branch rows (0 for rows outside the network).
  public func perCaseBranchRow(_ values: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: caseBranchCount)
    for (l, row) in branchRows.enumerated() where l < values.count { result[row] = values[l] }
    return result
  }
}
