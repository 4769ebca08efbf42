import Optimization
import Testing

@testable import HyperscalerMarket

/// V8, V13, V14, V15 on two hours of rts24-mdc in EP+PPA at α_ref (the scheme with every block present) and in EA.
@Suite struct AccountingTests {
  static func solve(_ disclosure: Disclosure) throws -> (MarketCase, EquilibriumRun) {
    let market = try rts24Case()
    let terms = try RouteAgreementTests.terms(market, 0.5, disclosure, disclosure == .exPost ? 0.97 : 0)
    return (market, try EquilibriumSolver.solve(market, terms: terms, settings: settings(hours: RouteAgreementTests.hours)))
  }

  /// V8: p[i] = pH − Σ_k PTDF[k,i](λ⁺ − λ⁻) at every bus, and CR (H34) = −Σ p·inj.
  @Test(arguments: [Disclosure.exPost, .exAnte])
  func lmpDecompositionAndCongestionRent(disclosure: Disclosure) throws {
    let (market, run) = try Self.solve(disclosure)
    for hour in run.hours {
      for i in 0..<market.network.busCount {
        let congestion = market.network.branches.indices.reduce(0) {
          $0 + market.network.ptdf[$1][i] * (hour.flowUpperPrice[$1] - hour.flowLowerPrice[$1])
        }
        #expect(abs(hour.price[i] - (hour.hubPrice - congestion)) <= 1e-8, "bus \(market.network.busNumbers[i])")
      }
    }
    let metrics = market.metrics(run)
    #expect(abs(metrics.congestionRent - metrics.merchandisingSurplus) <= 1e-6 * metrics.congestionRent)
    #expect(metrics.congestionRent > 0)
  }

  /// V13: Σ g = Σ d + Σ E; Σ inj = 0; Σ_j v[j,s] + v0[s] = E[s]; Σ_s v[j,s] ≤ a[j] ≤ (1 − φPPA)·g[j];
  /// Ephys = Erep_H + Econv_res.
  @Test func accountingIdentities() throws {
    let (market, run) = try Self.solve(.exPost)
    for hour in run.hours {
      let generated = hour.output.reduce(0, +)
      let energy = market.siteEnergy(hour)
      let consumed = hour.demand.reduce(0, +) + energy.reduce(0, +)
      #expect(abs(generated - consumed) <= 1e-7 * generated)
      #expect(abs(hour.injection.reduce(0, +)) <= 1e-7 * generated)
      for s in market.sites.indices {
        let covered = market.units.indices.reduce(0) { $0 + hour.claims[$1][s] } + hour.uncovered[s]
        #expect(abs(covered - energy[s]) <= 1e-7 * max(1, energy[s]), "site \(market.sites[s].name)")
      }
      for j in market.zeroEmissionUnits {
        let claimed = hour.claims[j].reduce(0, +)
        #expect(claimed <= hour.attributesSold[j] + 1e-7 * max(1, hour.output[j]))
        #expect(hour.attributesSold[j] <= 0.03 * hour.output[j] + 1e-7 * max(1, hour.output[j]))
      }
    }
    let metrics = market.metrics(run)
    #expect(abs(metrics.physicalCO2 - (metrics.reportedCO2 + metrics.conventionalResidualCO2)) <= 1e-7 * metrics.physicalCO2)
  }

  /// V14: p = a − b·d where d > 0; ρ = o1 + o2·q + η·p + η·ψ + σ where q > 0; 0 ≤ π ≤ τ·ēdef; ν ≤ V_U/α.
  @Test func priceSanity() throws {
    let (market, run) = try Self.solve(.exPost)
    let alpha = run.terms.alpha
    for hour in run.hours {
      let t = hour.hour
      for (c, load) in market.loads.enumerated() where hour.demand[c] > 1e-6 {
        let inverse = load.chokePrice[t] - load.slope[t] * hour.demand[c]
        #expect(abs(hour.price[load.bus] - inverse) <= 1e-6 * max(1, abs(inverse)))
      }
      for m in market.modularSites where hour.siteLoad[m] > 1e-6 {
        let site = market.sites[m]
        let supply = site.linearCost + site.quadraticCost * hour.siteLoad[m]
          + site.energyPerMreq * (hour.price[site.bus] + hour.coverCost[m]) + hour.siteRent[m]
        #expect(abs(hour.leasePrice[m] - supply) <= 1e-6 * max(1, supply), "\(site.name)")
      }
      let ceiling = market.carbonPrice * run.terms.defaultIntensity![t]
      for j in market.zeroEmissionUnits {
        #expect(hour.premium[j] >= -1e-9 && hour.premium[j] <= ceiling * (1 + 1e-6) + 1e-9)
      }
      for nu in hour.servingValue { #expect(nu <= market.unservedValue / alpha * (1 + 1e-9)) }
    }
  }

  /// V15: |flow| ≤ T(1 + 1e-7); 0 ≤ g ≤ Ḡ; site loads within capacity; mean latency ≤ Λavg; routing only on
  /// eligible pairs (the SLO holds for every routed request: ℓ ≤ Λmax by construction of P, checked here).
  @Test func feasibilityAndSLOs() throws {
    let (market, run) = try Self.solve(.exAnte)
    for hour in run.hours {
      for (k, flow) in market.flows(hour).enumerated() {
        #expect(abs(flow) <= market.network.branches[k].limitMW * (1 + 1e-7))
      }
      for (j, unit) in market.units.enumerated() {
        #expect(hour.output[j] >= -1e-9 && hour.output[j] <= unit.availableMW[hour.hour] + 1e-7)
      }
      for (s, site) in market.sites.enumerated() { #expect(hour.siteLoad[s] <= site.capacity + 1e-7) }
      for (r, region) in market.regions.enumerated() {
        var served = 0.0, latency = 0.0
        for (p, pair) in market.eligiblePairs.enumerated() where pair.region == r {
          #expect(region.latencyMs[pair.site] <= region.maxLatencyMs)
          served += hour.routed[p]
          latency += hour.routed[p] * region.latencyMs[pair.site]
        }
        #expect(latency <= region.meanLatencyMs * served + 1e-7)
        #expect(abs(served + hour.unserved[r] - region.demand[hour.hour]) <= 1e-7)
      }
    }
  }
}
