/// The trading graph of the peer-to-peer cloud-service market (datacenter-market.md §5.1, §5.4): unordered pairs
/// e = {i, j} (i < j) and each data center's neighbours in a fixed order.
public struct MarketTopology: Sendable, Equatable {
  public let agents: Int
  /// Pairs (i, j), i < j, indexed by e.
  public let pairs: [Pair]
  /// For each agent, its (neighbour, pair index) list in increasing neighbour order.
  public let neighbours: [[(agent: Int, pair: Int)]]

  public struct Pair: Sendable, Equatable {
    public let first: Int
    public let second: Int
  }

  /// The full mesh on `agents` data centers (the case: |E| = 6 for 4 DCs).
  public static func fullMesh(_ agents: Int) -> MarketTopology {
    var pairs: [Pair] = []
    for i in 0..<agents { for j in (i + 1)..<max(i + 1, agents) { pairs.append(Pair(first: i, second: j)) } }
    return MarketTopology(agents: agents, pairs: pairs)
  }

  public init(agents: Int, pairs: [Pair]) {
    self.agents = agents
    self.pairs = pairs
    var lists = [[(agent: Int, pair: Int)]](repeating: [], count: agents)
    for (e, pair) in pairs.enumerated() {
      lists[pair.first].append((pair.second, e))
      lists[pair.second].append((pair.first, e))
    }
    neighbours = lists.map { $0.sorted { $0.agent < $1.agent } }
  }

  /// Positions of pair e in the neighbour lists of its two ends.
  public func slots(_ e: Int) -> (first: Int, second: Int) {
    let pair = pairs[e]
    return (
      neighbours[pair.first].firstIndex { $0.pair == e }!,
      neighbours[pair.second].firstIndex { $0.pair == e }!
    )
  }

  public static func == (lhs: MarketTopology, rhs: MarketTopology) -> Bool {
    lhs.agents == rhs.agents && lhs.pairs == rhs.pairs
  }
}

/// Settings of the market clearing (datacenter-market.md §6.2, §8.4; all [PROPOSED] defaults).
public struct MarketSettings: Sendable, Equatable {
  /// Trade limit X_ij for every pair (kreq/s), default 600.
  public var pairLimit = 600.0
  /// Consensus-ADMM penalty ρ ((kreq/s) per ($ per kreq/s·h)), default 2000.
  public var rho = 2000.0
  /// Stopping tolerances: dual residual (default 1e-3), market imbalance in kreq/s (default 1), price consensus
  /// in $ per kreq/s·h (default 1e-3).
  public var dualTolerance = 1e-3
  public var primalTolerance = 1.0
  public var consensusTolerance = 1e-3
  /// Iteration limit (default 2000).
  public var maxIterations = 2000

  public init() {}
}
