/// The data of one hyperscaler power-market case (hyperscaler-market.md §2): network, producers, conventional
/// loads, compute sites and user regions, for `hours` independent hourly snapshots. Indices are 0-based positions in
/// these arrays; bus numbers are kept for output. Build one from a JSON scenario (`EquilibriumScenario`) or directly.
public struct MarketCase: Sendable {
  public var name: String
  public var hours: Int
  public var network: MarketNetwork
  public var units: [GeneratingUnit]
  public var loads: [ConventionalLoad]
  public var sites: [ComputeSite]
  public var regions: [UserRegion]
  /// θ, $/(Mreq·ms): money value of 1 ms of latency for 10⁶ requests.
  public var latencyValue: Double
  /// V_U, $/Mreq: value of a served request (penalty on unserved requests).
  public var unservedValue: Double
  /// τ, $/tCO2: carbon value used by the disclosure schemes.
  public var carbonPrice: Double

  public init(
    name: String, hours: Int, network: MarketNetwork, units: [GeneratingUnit], loads: [ConventionalLoad],
    sites: [ComputeSite], regions: [UserRegion], latencyValue: Double, unservedValue: Double, carbonPrice: Double
  ) {
    self.name = name
    self.hours = hours
    self.network = network
    self.units = units
    self.loads = loads
    self.sites = sites
    self.regions = regions
    self.latencyValue = latencyValue
    self.unservedValue = unservedValue
    self.carbonPrice = carbonPrice
  }

  /// Eligible (region, site) pairs P of (H8): ℓ[r,s] ≤ Λmax[r], in region-major order.
  public var eligiblePairs: [RoutingPair] {
    var pairs: [RoutingPair] = []
    for (r, region) in regions.enumerated() {
      for s in sites.indices where region.latencyMs[s] <= region.maxLatencyMs {
        pairs.append(RoutingPair(region: r, site: s))
      }
    }
    return pairs
  }

  /// J^Z: units with zero emission rate.
  public var zeroEmissionUnits: [Int] { units.indices.filter { units[$0].emissionRate == 0 } }
  public var ownSites: [Int] { sites.indices.filter { sites[$0].kind == .own } }
  public var modularSites: [Int] { sites.indices.filter { sites[$0].kind == .modular } }
}

/// A pair (r, s) of the routing set P.
public struct RoutingPair: Sendable, Hashable {
  public var region: Int
  public var site: Int
}

/// The DC network as the ISO sees it (H11–H12): buses, branches with limits and the PTDF to the hub bus.
public struct MarketNetwork: Sendable {
  /// External bus numbers, in index order.
  public var busNumbers: [Int]
  /// Index of the reference (hub) bus i*; its PTDF column is zero.
  public var hubBus: Int
  public var branches: [MarketBranch]
  /// PTDF[k][i], MW on branch k per MW injected at bus i and withdrawn at the hub.
  public var ptdf: [[Double]]

  public init(busNumbers: [Int], hubBus: Int, branches: [MarketBranch], ptdf: [[Double]]) {
    precondition(ptdf.count == branches.count && ptdf.allSatisfy { $0.count == busNumbers.count },
      "MarketNetwork: PTDF must be branches × buses")
    self.busNumbers = busNumbers
    self.hubBus = hubBus
    self.branches = branches
    self.ptdf = ptdf
  }

  public var busCount: Int { busNumbers.count }
}

public struct MarketBranch: Sendable {
  /// 1-based branch number as printed (MATPOWER row order, then the edge ties).
  public var number: Int
  public var fromBus: Int
  public var toBus: Int
  /// T[k], MW.
  public var limitMW: Double
  /// True for the radial edge ties of §7.1.
  public var isTie: Bool

  public init(number: Int, fromBus: Int, toBus: Int, limitMW: Double, isTie: Bool) {
    self.number = number
    self.fromBus = fromBus
    self.toBus = toBus
    self.limitMW = limitMW
    self.isTie = isTie
  }
}

/// A producer j (H1): cost c1·g + c2·g², availability per hour, emission rate.
public struct GeneratingUnit: Sendable {
  public var name: String
  /// Technology code, e.g. "U76" or "wind".
  public var type: String
  public var bus: Int
  /// c1, $/MWh.
  public var linearCost: Double
  /// c2, $/MW²h.
  public var quadraticCost: Double
  /// Ḡ[j,t], MW, one per hour.
  public var availableMW: [Double]
  /// e[j], tCO2/MWh.
  public var emissionRate: Double
  public var isWind: Bool

  public init(
    name: String, type: String, bus: Int, linearCost: Double, quadraticCost: Double, availableMW: [Double],
    emissionRate: Double, isWind: Bool
  ) {
    self.name = name
    self.type = type
    self.bus = bus
    self.linearCost = linearCost
    self.quadraticCost = quadraticCost
    self.availableMW = availableMW
    self.emissionRate = emissionRate
    self.isWind = isWind
  }
}

/// A conventional consumer (H2) with linear inverse demand P(d) = a − b·d per hour.
public struct ConventionalLoad: Sendable {
  public var bus: Int
  /// a[i,t], $/MWh (choke price).
  public var chokePrice: [Double]
  /// b[i,t], $/MW²h.
  public var slope: [Double]

  public init(bus: Int, chokePrice: [Double], slope: [Double]) {
    self.bus = bus
    self.chokePrice = chokePrice
    self.slope = slope
  }

  /// The calibration (H2c): demand `referenceMW` at `referencePrice` with own-price elasticity `elasticity`.
  public static func calibrated(bus: Int, referenceMW: [Double], referencePrice: Double, elasticity: Double)
    -> ConventionalLoad
  {
    ConventionalLoad(
      bus: bus, chokePrice: referenceMW.map { _ in referencePrice * (1 + 1 / elasticity) },
      slope: referenceMW.map { referencePrice / (elasticity * $0) })
  }
}

public enum SiteKind: String, Sendable, Codable {
  /// A data center owned by the hyperscaler (h ∈ H).
  case own
  /// A modular data center leased to the hyperscaler (m ∈ M).
  case modular
}

/// A compute site s ∈ S = H ∪ M.
public struct ComputeSite: Sendable {
  public var name: String
  public var kind: SiteKind
  public var bus: Int
  /// X̄[h] or Q̄[m], Mreq/h.
  public var capacity: Double
  /// η[s] = κ·PUE, MWh of grid energy per Mreq.
  public var energyPerMreq: Double
  /// o1[s], $/Mreq.
  public var linearCost: Double
  /// o2[s], $·h/Mreq².
  public var quadraticCost: Double
  /// w(m): the co-located wind unit of an MDC (for the ex-ante declaration H28).
  public var windUnit: Int?
  /// k(m): the edge tie of an MDC's bus.
  public var tieBranch: Int?

  public init(
    name: String, kind: SiteKind, bus: Int, capacity: Double, energyPerMreq: Double, linearCost: Double,
    quadraticCost: Double, windUnit: Int? = nil, tieBranch: Int? = nil
  ) {
    self.name = name
    self.kind = kind
    self.bus = bus
    self.capacity = capacity
    self.energyPerMreq = energyPerMreq
    self.linearCost = linearCost
    self.quadraticCost = quadraticCost
    self.windUnit = windUnit
    self.tieBranch = tieBranch
  }
}

/// A user region r of the hyperscaler.
public struct UserRegion: Sendable {
  public var name: String
  /// D[r,t], Mreq/h.
  public var demand: [Double]
  /// ℓ[r,s], ms, one per site.
  public var latencyMs: [Double]
  /// Λmax[r], ms: per-request SLO (eligibility, H8).
  public var maxLatencyMs: Double
  /// Λavg[r], ms: mean-latency SLO (H6).
  public var meanLatencyMs: Double

  public init(name: String, demand: [Double], latencyMs: [Double], maxLatencyMs: Double, meanLatencyMs: Double) {
    self.name = name
    self.demand = demand
    self.latencyMs = latencyMs
    self.maxLatencyMs = maxLatencyMs
    self.meanLatencyMs = meanLatencyMs
  }
}
