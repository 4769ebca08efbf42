import SparseAlgebra

/// One sparse LDLᵀ factorisation of the reduced bus susceptance matrix `B_red` (all buses except reference
/// and isolated buses), shared by DC power flows and PTDF columns. Positive definite when every island has
/// its reference removed and every reactance is positive. Series capacitors (x < 0, e.g. one branch of
/// case300) can make it indefinite: the factorisation then retries with a negative expected sign at each
/// pivot that came out negative (no regularisation, so the factor stays exact) and refines every solve
/// iteratively against `B_red`. A truly singular `B_red` is reported as `NetworkError.factorizationFailed`.
///
/// Not `Sendable` (it owns the factor's workspaces): use one per task.
public final class DCFactorization {
  public let network: Network
  /// Bus → position in `B_red`, −1 for reference and isolated buses.
  public let reducedIndex: [Int]
  /// Position in `B_red` → bus.
  public let reducedBuses: [Int]
  private let factor: NumericLDL
  /// Upper triangle of `B_red` (for iterative refinement).
  private let reducedUpper: CSCMatrix
  /// Number of negative pivots of the factor (0 when all reactances are positive).
  public private(set) var negativePivotCount = 0

  /// Factorises `B_red`. `ordering` is a fill-reducing permutation of the reduced rows; nil (default)
  /// computes an approximate minimum degree ordering, `.natural` keeps the buses' file order.
  public init(_ network: Network, ordering: LDLOrdering? = nil) throws {
    self.network = network
    let n = network.busCount
    var isReference = [Bool](repeating: false, count: n)
    for bus in network.referenceBuses { isReference[bus] = true }
    var reduced = [Int](repeating: -1, count: n)
    var buses: [Int] = []
    for bus in 0..<n where network.isBusActive[bus] && !isReference[bus] {
      reduced[bus] = buses.count
      buses.append(bus)
    }
    reducedIndex = reduced
    reducedBuses = buses
    let size = buses.count
    let b = network.susceptanceMatrix
    var upper = TripletBuilder(rowCount: size, columnCount: size, reserve: b.nonzeroCount)
    for column in 0..<n where reduced[column] >= 0 {
      for entry in Int(b.columnStarts[column])..<Int(b.columnStarts[column + 1]) {
        let row = Int(b.rowIndices[entry])
        let r = reduced[row]
        if r >= 0, r <= reduced[column] { upper.append(row: r, column: reduced[column], value: b.values[entry]) }
      }
    }
    do {
      let matrix = try upper.makeCSC()
      reducedUpper = matrix
      let chosen = ordering ?? .given(ApproximateMinimumDegree.ordering(of: matrix))
      let symbolic = try SymbolicLDL(upperTriangle: matrix, ordering: chosen)
      factor = NumericLDL(symbolic: symbolic)
      factor.setValues(matrix.values)
      var signs = [Int8](repeating: 1, count: size)
      // Each retry flips one pivot expected positive; a pivot failing with both signs is a true zero.
      let negativeReactances = network.branchSusceptance.filter { $0 < 0 }.count
      var retries = 0
      while true {
        do {
          try factor.factor(expectedSigns: signs, regularisation: .off)
          break
        } catch LDLError.zeroPivot(let index) where signs[index] == 1 && retries < negativeReactances {
          signs[index] = -1
          retries += 1
        }
      }
      negativePivotCount = signs.filter { $0 < 0 }.count
    } catch let error as LDLError {
      var detail = error.description
      if case .zeroPivot(let index) = error, index < buses.count {
        detail += " (bus \(network.busNumbers[buses[index]]))"
      }
      throw NetworkError.factorizationFailed(source: network.source, detail: detail)
    } catch {
      throw NetworkError.factorizationFailed(source: network.source, detail: "\(error)")
    }
  }

  /// Angles θ (radians, per bus, 0 at reference and isolated buses) solving `B_red·θ = P` for a per-bus
  /// injection P in p.u. (reference and isolated entries ignored).
  public func solveAngles(injectionsPU: [Double]) -> [Double] {
    var rhs = reducedBuses.map { injectionsPU[$0] }
    if !rhs.isEmpty {
      if negativePivotCount == 0 {
        factor.solve(&rhs)
      } else {
        let matrix = reducedUpper
        rhs = factor.solveRefined(rhs) { x, y in matrix.symmetricMultiply(x, into: &y) }.solution
      }
    }
    var theta = [Double](repeating: 0, count: network.busCount)
    for (k, bus) in reducedBuses.enumerated() { theta[bus] = rhs[k] }
    return theta
  }

  /// `Bf·θ` (p.u.): flows on the network branches for angles θ, phase shifts excluded.
  func branchProducts(_ theta: [Double]) -> [Double] {
    let net = network
    var flows = [Double](repeating: 0, count: net.branchCount)
    for l in 0..<net.branchCount {
      flows[l] = net.branchSusceptance[l] * (theta[net.branchFrom[l]] - theta[net.branchTo[l]])
    }
    return flows
  }
}

/// Result of a DC power flow.
public struct DCPowerFlowResult: Sendable, Equatable {
  /// Voltage angle per bus (radians); each island is offset so its reference bus has the case's VA.
  /// Isolated buses have angle 0.
  public var anglesRadians: [Double]
  /// From-end flow of each network branch (MW), `baseMVA·(Bf·θ) + Pfinj`.
  public var branchFlowsMW: [Double]
  /// Injection per bus implied by the angles (MW): equals the given injection except at reference buses,
  /// which take up each island's imbalance.
  public var busInjectionsMW: [Double]
  /// Per island: injection the reference bus had to add to balance the island (MW).
  public var slackMW: [Double]

  /// Angles in degrees.
  public var anglesDegrees: [Double] { anglesRadians.map { $0 * 180 / .pi } }
}

extension DCFactorization {
  /// DC power flow for per-bus net injections (MW, generation − load; use `Network.netInjectionsMW`).
  /// The reference bus of each island absorbs any imbalance (MATPOWER's `dcpf`).
  public func powerFlow(injectionsMW: [Double]) throws -> DCPowerFlowResult {
    let net = network
    guard injectionsMW.count == net.busCount else {
      throw NetworkError.invalidArgument("\(injectionsMW.count) injections given for \(net.busCount) buses")
    }
    let rhs = (0..<net.busCount).map { (injectionsMW[$0] - net.phaseShiftInjectionMW[$0]) / net.baseMVA }
    var theta = solveAngles(injectionsPU: rhs)
    // B·1 = 0 on each island, so a constant offset leaves flows unchanged and puts θ_ref at its VA.
    for bus in 0..<net.busCount where net.islandOfBus[bus] >= 0 {
      theta[bus] += net.referenceAngles[net.islandOfBus[bus]]
    }
    var flows = branchProducts(theta)
    for l in 0..<flows.count { flows[l] = flows[l] * net.baseMVA + net.phaseShiftFlowMW[l] }
    var calculated = net.phaseShiftInjectionMW
    for l in 0..<flows.count {
      let pu = net.branchSusceptance[l] * (theta[net.branchFrom[l]] - theta[net.branchTo[l]]) * net.baseMVA
      calculated[net.branchFrom[l]] += pu
      calculated[net.branchTo[l]] -= pu
    }
    var busInjections = injectionsMW
    var slack = [Double](repeating: 0, count: net.islands.count)
    for (island, reference) in net.referenceBuses.enumerated() {
      slack[island] = calculated[reference] - injectionsMW[reference]
      busInjections[reference] = calculated[reference]
    }
    for bus in 0..<net.busCount where !net.isBusActive[bus] { busInjections[bus] = 0 }
    return DCPowerFlowResult(
      anglesRadians: theta, branchFlowsMW: flows, busInjectionsMW: busInjections, slackMW: slack)
  }
}
