import Optimization

/// Where each unknown of one hour sits in the MLCP (hyperscaler-market.md §4.3). Complementary unknowns come first
/// in the spec's order (g, d, y, u, q, a, v, v0, β, σ, δ, ζ, γ, π, λ⁺, λ⁻, χ), then the free ones (inj, p, pH, ρ, ν, ψ).
/// Attribute-market unknowns exist only in EP scenarios, χ only in the α = 0 stage 2. Each array is indexed like the
/// case's own arrays (units, loads, pairs, regions, sites, branches, buses); −1 marks an absent unknown.
struct HourLayout: Sendable {
  let hour: Int
  let pairs: [RoutingPair]
  let zeroEmission: [Int]
  var output: [Int] = []           // g[j]
  var demand: [Int] = []           // d[c]
  var routed: [Int] = []           // y[(r,s)]
  var unserved: [Int] = []         // u[r]
  var leased: [Int] = []           // q[m], per site (−1 for own sites)
  var attributesSold: [Int] = []   // a[j], per unit (−1 outside J^Z)
  var claims: [[Int]] = []         // v[j,s], per unit × site
  var uncovered: [Int] = []        // v0[s]
  var capacityRent: [Int] = []     // β[j]
  var leaseRent: [Int] = []        // σ[m], per site
  var ownRent: [Int] = []          // δ[h], per site (−1 for MDCs)
  var latencyPrice: [Int] = []     // ζ[r]
  var backing: [Int] = []          // γ[j], per unit
  var premium: [Int] = []          // π[j], per unit
  var flowUpper: [Int] = []        // λ⁺[k]
  var flowLower: [Int] = []        // λ⁻[k]
  var budget = -1                  // χ
  var injection: [Int] = []        // inj[i]
  var price: [Int] = []            // p[i]
  var hubPrice = -1                // pH
  var leasePrice: [Int] = []       // ρ[m], per site
  var servingValue: [Int] = []     // ν[r]
  var coverCost: [Int] = []        // ψ[s]

  /// Declares every unknown of `hour` on `builder`, named `symbol[element, t N]`.
  init(case market: MarketCase, terms: HourTerms, builder: inout MLCPBuilder) {
    hour = terms.hour
    pairs = market.eligiblePairs
    zeroEmission = market.zeroEmissionUnits
    let t = ", t \(terms.hour + 1)"
    let attributes = terms.hasAttributeMarket
    let units = market.units, sites = market.sites, regions = market.regions
    let buses = market.network.busNumbers, branches = market.network.branches
    func comp(_ name: String) -> Int { builder.addUnknown(name + t + "]", kind: .complementary) }
    func free(_ name: String) -> Int { builder.addUnknown(name + t + "]", kind: .free) }
    func isZero(_ j: Int) -> Bool { attributes && units[j].emissionRate == 0 }

    output = units.map { comp("g[\($0.name)") }
    demand = market.loads.map { comp("d[bus \(buses[$0.bus])") }
    routed = pairs.map { comp("y[\(regions[$0.region].name)→\(sites[$0.site].name)") }
    unserved = regions.map { comp("u[\($0.name)") }
    leased = sites.map { $0.kind == .modular ? comp("q[\($0.name)") : -1 }
    attributesSold = units.indices.map { isZero($0) ? comp("a[\(units[$0].name)") : -1 }
    claims = units.indices.map { j in
      sites.map { isZero(j) ? comp("v[\(units[j].name)→\($0.name)") : -1 }
    }
    uncovered = sites.map { attributes ? comp("v0[\($0.name)") : -1 }
    capacityRent = units.map { comp("capacity[\($0.name)") }
    leaseRent = sites.map { $0.kind == .modular ? comp("mdc-capacity[\($0.name)") : -1 }
    ownRent = sites.map { $0.kind == .own ? comp("own-capacity[\($0.name)") : -1 }
    latencyPrice = regions.map { comp("mean-latency[\($0.name)") }
    backing = units.indices.map { isZero($0) ? comp("backing[\(units[$0].name)") : -1 }
    premium = units.indices.map { isZero($0) ? comp("attribute[\(units[$0].name)") : -1 }
    flowUpper = branches.map { comp("flow+[branch \($0.number)") }
    flowLower = branches.map { comp("flow-[branch \($0.number)") }
    if terms.latencyBudget != nil { budget = comp("latency-budget[hyperscaler") }
    injection = buses.map { free("inj[bus \($0)") }
    price = buses.map { free("balance[bus \($0)") }
    hubPrice = free("hub[system")
    leasePrice = sites.map { $0.kind == .modular ? free("lease[\($0.name)") : -1 }
    servingValue = regions.map { free("requests[\($0.name)") }
    coverCost = sites.map { attributes ? free("cover[\($0.name)") : -1 }
  }

  /// Pair positions in P that end at `site`.
  func pairs(atSite site: Int) -> [Int] { pairs.indices.filter { pairs[$0].site == site } }
  /// Pair positions in P that start in `region`.
  func pairs(ofRegion region: Int) -> [Int] { pairs.indices.filter { pairs[$0].region == region } }
}
