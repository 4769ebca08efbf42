import Foundation
import PowerGrid
import Scenarios

extension EquilibriumScenario {
  /// Builds the market case; errors name the field and value (`file` is used in messages only).
  public func makeCase(file: String? = nil) throws -> MarketCase {
    let file = file ?? name
    func fail(_ field: String, _ message: String) -> ScenarioError {
      ScenarioError(file: file, field: field, message: message)
    }
    guard hours > 0, inferenceShape.count == hours, loads.hourlyShape.count == hours else {
      throw fail("hours", "\(hours) hours need inference_shape and loads.hourly_shape of that length")
    }
    let powerCase = try network.case.hasSuffix(".m") ? MATPOWERReader.read(path: network.case)
      : BuiltInCases.load(network.case)
    try checkUniqueNames(fail: fail)
    let extended = try extendedCase(powerCase, fail: fail)
    let market = try marketNetwork(extended, fail: fail)
    let busIndex = Dictionary(uniqueKeysWithValues: market.busNumbers.enumerated().map { ($1, $0) })
    func bus(_ number: Int, _ field: String) throws -> Int {
      guard let index = busIndex[number] else { throw fail(field, "unknown bus \(number)") }
      return index
    }
    var units = try thermalUnits(powerCase, bus: bus, fail: fail)
    let windStart = units.count
    units += try windUnits(bus: bus)
    let loadList = try powerCase.buses.filter { $0.demandMW > 0 }.map { entry in
      ConventionalLoad.calibrated(
        bus: try bus(entry.number, "network.case"), referenceMW: loads.hourlyShape.map { entry.demandMW * $0 },
        referencePrice: loads.referencePrice, elasticity: loads.elasticity)
    }
    let siteList = try sites.enumerated().map { s, spec -> ComputeSite in
      let field = "sites[\(s)]"
      guard spec.capacity >= 0 else { throw fail(field + ".capacity", "\(spec.capacity) Mreq/h is negative") }
      let windUnit = try spec.windFarm.map { name -> Int in
        guard let w = wind.farms.firstIndex(where: { $0.name == name }) else {
          throw fail(field + ".wind_farm", "unknown wind farm \(name)")
        }
        guard wind.farms[w].bus == spec.bus else {
          throw fail(field + ".wind_farm", "\(name) is at bus \(wind.farms[w].bus), not at the site's bus \(spec.bus)")
        }
        return windStart + w
      }
      let siteBus = try bus(spec.bus, field + ".bus")
      // The edge tie that ends at the site's bus (ties run host → edge bus).
      let tie = market.branches.firstIndex { $0.isTie && $0.toBus == spec.bus }
      return ComputeSite(
        name: spec.name, kind: spec.kind, bus: siteBus, capacity: spec.capacity,
        energyPerMreq: spec.itEnergy * spec.pue, linearCost: spec.linearCost, quadraticCost: spec.quadraticCost,
        windUnit: windUnit, tieBranch: tie)
    }
    let regionList = try regions.enumerated().map { r, spec -> UserRegion in
      let latency = try sites.map { site -> Double in
        guard let value = spec.latencyMs[site.name] else {
          throw fail("regions[\(r)].latency_ms", "no latency to site \(site.name)")
        }
        return value
      }
      return UserRegion(
        name: spec.name, demand: inferenceShape.map { spec.peakDemand * $0 }, latencyMs: latency,
        maxLatencyMs: spec.maxLatencyMs, meanLatencyMs: spec.meanLatencyMs)
    }
    return MarketCase(
      name: name, hours: hours, network: market, units: units, loads: loadList, sites: siteList,
      regions: regionList, latencyValue: latencyValue, unservedValue: unservedValue, carbonPrice: carbonPrice)
  }

  /// The MATPOWER case with the edge buses and their ties appended (§7.1); every branch keeps its row order.
  private func extendedCase(_ base: PowerCase, fail: (String, String) -> ScenarioError) throws -> PowerCase {
    var extended = base
    for (e, edge) in (network.edgeBuses ?? []).enumerated() {
      guard !extended.buses.contains(where: { $0.number == edge.bus }) else {
        throw fail("network.edge_buses[\(e)].bus", "bus \(edge.bus) already exists")
      }
      guard extended.buses.contains(where: { $0.number == edge.hostBus }) else {
        throw fail("network.edge_buses[\(e)].host_bus", "unknown bus \(edge.hostBus)")
      }
      guard edge.limitMw > 0, edge.reactancePu > 0 else {
        throw fail("network.edge_buses[\(e)]", "limit \(edge.limitMw) MW and reactance \(edge.reactancePu) must be > 0")
      }
      extended.buses.append(Bus(number: edge.bus, type: .pq, demandMW: 0))
      extended.branches.append(
        Branch(fromBus: edge.hostBus, toBus: edge.bus, reactance: edge.reactancePu, rateAMVA: edge.limitMw))
    }
    for (b, bus) in extended.buses.enumerated() where bus.type == .reference && bus.number != network.hubBus {
      extended.buses[b].type = .pv
    }
    guard let hub = extended.buses.firstIndex(where: { $0.number == network.hubBus }) else {
      throw fail("network.hub_bus", "unknown bus \(network.hubBus)")
    }
    extended.buses[hub].type = .reference
    return extended
  }

  /// Branches with limits, PTDF to the hub (H12), computed by PowerGrid's DC factorisation.
  private func marketNetwork(_ extended: PowerCase, fail: (String, String) -> ScenarioError) throws -> MarketNetwork {
    let grid = try Network(extended)
    let factorization = try DCFactorization(grid)
    let matrix = try factorization.ptdf()
    // The network keeps in-service branches only; each keeps its row number in the (extended) case.
    let baseBranches = extended.branches.count - (network.edgeBuses?.count ?? 0)
    let branches = grid.branchRows.map { row in
      let branch = extended.branches[row]
      return MarketBranch(
        number: row + 1, fromBus: branch.fromBus, toBus: branch.toBus, limitMW: branch.rateAMVA,
        isTie: row >= baseBranches)
    }
    for branch in branches where !(branch.limitMW > 0) {
      throw fail("network.case", "branch \(branch.number) (\(branch.fromBus)–\(branch.toBus)) has no flow limit")
    }
    let ptdf = branches.indices.map { k in
      grid.busNumbers.indices.map { i in matrix.values[i * grid.branchCount + k] }
    }
    guard let hub = grid.busNumbers.firstIndex(of: network.hubBus) else {
      throw fail("network.hub_bus", "unknown bus \(network.hubBus)")
    }
    return MarketNetwork(busNumbers: grid.busNumbers, hubBus: hub, branches: branches, ptdf: ptdf)
  }

  /// Unit, site and region names label the MLCP's unknowns, so each must be unique.
  private func checkUniqueNames(fail: (String, String) -> ScenarioError) throws {
    func check(_ names: [String], _ field: String) throws {
      var seen: Set<String> = []
      for (k, name) in names.enumerated() where !seen.insert(name).inserted {
        throw fail("\(field)[\(k)].name", "duplicate name \(name)")
      }
    }
    try check(sites.map(\.name), "sites")
    try check(regions.map(\.name), "regions")
    try check(wind.farms.map(\.name), "wind.farms")
    for (w, farm) in wind.farms.enumerated() where farm.name.hasPrefix("G") && Int(farm.name.dropFirst()) != nil {
      throw fail("wind.farms[\(w)].name", "\(farm.name) is reserved for the case's generators (G1, G2, …)")
    }
  }

  /// The MATPOWER producers (§7.2): every in-service `gen` row except the skipped ones, named G1, G2, … in order.
  private func thermalUnits(
    _ powerCase: PowerCase, bus: (Int, String) throws -> Int, fail: (String, String) -> ScenarioError
  ) throws -> [GeneratingUnit] {
    guard let costs = powerCase.generatorCosts else { throw fail("network.case", "the case has no gencost") }
    let skipped = Set(network.skipGeneratorRows ?? [])
    var units: [GeneratingUnit] = []
    for (index, generator) in powerCase.generators.enumerated()
    where !skipped.contains(index + 1) && generator.isInService {
      let row = index + 1
      guard let type = generatorTypes.first(where: { $0.rows.contains(row) }) else {
        throw fail("generator_types", "gen row \(row) (bus \(generator.bus)) has no type")
      }
      guard case .polynomial(let c2, let c1, _) = costs[index].curve else {
        throw fail("network.case", "gen row \(row): only polynomial costs are supported")
      }
      units.append(
        GeneratingUnit(
          name: "G\(units.count + 1)", type: type.type, bus: try bus(generator.bus, "network.case"), linearCost: c1,
          quadraticCost: c2 == 0 ? minQuadraticCost : c2, availableMW: Array(repeating: generator.maxOutputMW, count: hours),
          emissionRate: type.emissionTPerMwh, isWind: false))
    }
    return units
  }

  /// Wind units (H32).
  private func windUnits(bus: (Int, String) throws -> Int) throws -> [GeneratingUnit] {
    let shape = (1...hours).map { t in
      wind.capacityFactor.mean + wind.capacityFactor.amplitude
        * cos(2 * Double.pi * (Double(t) - wind.capacityFactor.peakHour) / 24)
    }
    return try wind.farms.enumerated().map { w, farm in
      GeneratingUnit(
        name: farm.name, type: "wind", bus: try bus(farm.bus, "wind.farms[\(w)].bus"), linearCost: wind.linearCost,
        quadraticCost: wind.quadraticCost, availableMW: shape.map { wind.nominalMw * min(1, farm.multiplier * $0) },
        emissionRate: 0, isWind: true)
    }
  }
}
