import SparseAlgebra

/// Which buses balance an injection in a PTDF.
public enum SlackDistribution: Sendable, Equatable {
  /// Each island's reference bus withdraws the injected MW (the reference bus columns are zero).
  case referenceBus
  /// The injected MW is withdrawn from the buses of the island in proportion to `weights` (one per bus,
  /// ≥ 0, normalised per island; e.g. PMAX of the generators at each bus, or the loads).
  case distributed(weights: [Double])
}

/// Power transfer distribution factors H (branch × bus, MW of from-end flow per MW injected), stored dense
/// column by column for the requested buses. Built from one `DCFactorization`, one triangular solve per
/// column; no inverse of B is formed.
///
/// With `H` for reference-bus slack, DC power flow flows are `H·(P − Pbusinj) + Pfinj` for any injections P
/// (the reference absorbing imbalance); with distributed slack the same holds for balanced P.
public struct PTDFMatrix: Sendable, Equatable {
  public let branchCount: Int
  /// Bus (internal index) of each stored column.
  public let buses: [Int]
  public let slack: SlackDistribution
  /// Column-major values: entry (branch l, stored column k) at `values[k·branchCount + l]`.
  public let values: [Double]
  private let columnOfBus: [Int: Int]

  init(branchCount: Int, buses: [Int], slack: SlackDistribution, values: [Double]) {
    self.branchCount = branchCount
    self.buses = buses
    self.slack = slack
    self.values = values
    var map: [Int: Int] = [:]
    for (k, bus) in buses.enumerated() { map[bus] = k }
    columnOfBus = map
  }

  /// Factor of network branch `branch` for an injection at bus `bus` (internal indices); nil when the
  /// bus column was not computed.
  public subscript(branch: Int, bus: Int) -> Double? {
    guard let k = columnOfBus[bus] else { return nil }
    return values[k * branchCount + branch]
  }

  /// The column of bus `bus` (internal index), or nil when it was not computed.
  public func column(bus: Int) -> ArraySlice<Double>? {
    guard let k = columnOfBus[bus] else { return nil }
    return values[(k * branchCount)..<((k + 1) * branchCount)]
  }

  /// `H·x` for a per-bus vector x (entries of buses without a stored column must be 0).
  public func times(_ x: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: branchCount)
    for (k, bus) in buses.enumerated() where x[bus] != 0 {
      let scale = x[bus]
      let start = k * branchCount
      for l in 0..<branchCount { result[l] += values[start + l] * scale }
    }
    return result
  }
}

extension DCFactorization {
  /// Per island, `Bf·B_red⁻¹·w_I` for the island-normalised weights w_I: the flows caused by withdrawing
  /// 1 p.u. spread over the island (subtracted from every reference-slack column of that island).
  private func distributedSlackFlows(weights: [Double]) throws -> [[Double]] {
    let net = network
    guard weights.count == net.busCount else {
      throw NetworkError.invalidArgument("\(weights.count) slack weights given for \(net.busCount) buses")
    }
    var result: [[Double]] = []
    for (island, members) in net.islands.enumerated() {
      var total = 0.0
      for bus in members {
        guard weights[bus] >= 0, weights[bus].isFinite else {
          throw NetworkError.invalidArgument("slack weight of bus \(net.busNumbers[bus]) is \(weights[bus]); weights must be finite and ≥ 0")
        }
        total += weights[bus]
      }
      guard total > 0 else {
        throw NetworkError.invalidArgument(
          "slack weights of island \(island + 1) (buses \(NetworkError.list(members.map { net.busNumbers[$0] }))) sum to 0")
      }
      var rhs = [Double](repeating: 0, count: net.busCount)
      for bus in members { rhs[bus] = weights[bus] / total }
      result.append(branchProducts(solveAngles(injectionsPU: rhs)))
    }
    return result
  }

  /// PTDF column of one bus (internal index): from-end flow change of every network branch per MW injected
  /// at `bus` and withdrawn according to `slack`.
  public func ptdfColumn(bus: Int, slack: SlackDistribution = .referenceBus) throws -> [Double] {
    try ptdf(buses: [bus], slack: slack).values
  }

  /// PTDF columns for `buses` (internal indices; nil = every bus). Cost: one solve per non-reference bus
  /// column, plus one per island for distributed slack.
  public func ptdf(buses: [Int]? = nil, slack: SlackDistribution = .referenceBus) throws -> PTDFMatrix {
    let net = network
    let columns = buses ?? Array(0..<net.busCount)
    let m = net.branchCount
    for bus in columns where bus < 0 || bus >= net.busCount {
      throw NetworkError.invalidArgument("PTDF column for bus index \(bus) outside 0..<\(net.busCount)")
    }
    var slackFlows: [[Double]] = []
    if case .distributed(let weights) = slack { slackFlows = try distributedSlackFlows(weights: weights) }
    var values = [Double](repeating: 0, count: m * columns.count)
    var unit = [Double](repeating: 0, count: net.busCount)
    for (k, bus) in columns.enumerated() {
      let island = net.islandOfBus[bus]
      guard island >= 0 else { continue }  // isolated bus: no effect on any branch
      let start = k * m
      if reducedIndex[bus] >= 0 {
        unit[bus] = 1
        let flows = branchProducts(solveAngles(injectionsPU: unit))
        unit[bus] = 0
        for l in 0..<m { values[start + l] = flows[l] }
      }
      if !slackFlows.isEmpty {
        let shift = slackFlows[island]
        for l in 0..<m { values[start + l] -= shift[l] }
      }
    }
    return PTDFMatrix(branchCount: m, buses: columns, slack: slack, values: values)
  }
}
