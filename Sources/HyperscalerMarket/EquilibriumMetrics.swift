/// Daily metrics of an equilibrium run (hyperscaler-market.md §6.1 and §8): emissions (H19)–(H25), congestion
/// (H34)–(H36), the hyperscaler's money cost (H36a). Units in the names: tCO2, MWh, $, Mreq, ms.
public struct EquilibriumMetrics: Sendable, Codable {
  /// Ephys (H19), tCO2/day.
  public var physicalCO2: Double
  /// ē[t] (H20), tCO2/MWh, one per hour of the case (0 for hours the run did not solve).
  public var hourlyIntensity: [Double]
  /// EH (H21), MWh/day: energy of all sites.
  public var hyperscalerEnergyMWh: Double
  public var ownSiteEnergyMWh: Double
  public var mdcEnergyMWh: Double
  /// Σ_t E[s,t] per site, MWh/day.
  public var siteEnergyMWh: [Double]
  /// Eloc_H (H22), tCO2/day.
  public var locationBasedCO2: Double
  /// Erep_H (H23), tCO2/day.
  public var reportedCO2: Double
  /// Gap (H24) = Eloc_H − Erep_H, tCO2/day.
  public var reshufflingGap: Double
  /// Econv_res (H25) = Ephys − Erep_H, tCO2/day.
  public var conventionalResidualCO2: Double
  /// CR (H34), $/day: total, backbone (non-tie branches) and edge ties.
  public var congestionRent: Double
  public var congestionRentBackbone: Double
  public var congestionRentTies: Double
  /// −Σ p·inj, $/day: equals CR at an equilibrium (check V8).
  public var merchandisingSurplus: Double
  /// BLH (H35): (branch, hour) pairs with λ⁺ + λ⁻ ≥ 1e-3 $/MWh.
  public var bindingLineHours: Int
  public var bindingLineHoursBackbone: Int
  public var bindingLineHoursTies: Int
  /// CURT (H36), MWh/day.
  public var curtailmentMWh: Double
  /// HSmoney (H36a), $/day.
  public var hyperscalerMoneyCost: Double
  /// Σ_t Σ_r u, Mreq/day.
  public var unservedMreq: Double
  /// Request-weighted mean latency of served requests per region, ms.
  public var meanLatencyMs: [Double]
  /// Σ p·d / Σ d over conventional loads and hours, $/MWh.
  public var loadWeightedMeanLMP: Double

  /// The threshold of (H35), $/MWh.
  public static let bindingThreshold = 1e-3
}

extension MarketCase {
  /// Computes the daily metrics of `run` (its terms supply ēdef and the scheme for the reported emissions).
  public func metrics(_ run: EquilibriumRun) -> EquilibriumMetrics {
    var m = EquilibriumMetrics(
      physicalCO2: 0, hourlyIntensity: Array(repeating: 0, count: hours), hyperscalerEnergyMWh: 0, ownSiteEnergyMWh: 0, mdcEnergyMWh: 0,
      siteEnergyMWh: Array(repeating: 0, count: sites.count), locationBasedCO2: 0, reportedCO2: 0,
      reshufflingGap: 0, conventionalResidualCO2: 0, congestionRent: 0, congestionRentBackbone: 0,
      congestionRentTies: 0, merchandisingSurplus: 0, bindingLineHours: 0, bindingLineHoursBackbone: 0,
      bindingLineHoursTies: 0, curtailmentMWh: 0, hyperscalerMoneyCost: 0, unservedMreq: 0,
      meanLatencyMs: Array(repeating: 0, count: regions.count), loadWeightedMeanLMP: 0)
    var servedLatency = Array(repeating: 0.0, count: regions.count)
    var served = Array(repeating: 0.0, count: regions.count)
    var loadPayment = 0.0, loadEnergy = 0.0
    let pairs = eligiblePairs
    for hour in run.hours {
      let t = hour.hour
      let emitted = units.indices.reduce(0) { $0 + units[$1].emissionRate * hour.output[$1] }
      let generated = hour.output.reduce(0, +)
      let intensity = generated > 0 ? emitted / generated : 0
      m.physicalCO2 += emitted
      m.hourlyIntensity[t] = intensity
      let energy = siteEnergy(hour)
      let siteTotal = energy.reduce(0, +)
      for s in sites.indices {
        m.siteEnergyMWh[s] += energy[s]
        if sites[s].kind == .own { m.ownSiteEnergyMWh += energy[s] } else { m.mdcEnergyMWh += energy[s] }
      }
      m.hyperscalerEnergyMWh += siteTotal
      m.locationBasedCO2 += intensity * siteTotal
      m.reportedCO2 += reportedEmissions(hour, energy: energy, intensity: intensity, terms: run.terms)
      addCongestion(hour, into: &m)
      for j in units.indices where units[j].isWind { m.curtailmentMWh += units[j].availableMW[t] - hour.output[j] }
      m.hyperscalerMoneyCost += moneyCost(hour, terms: run.terms)
      m.unservedMreq += hour.unserved.reduce(0, +)
      for (p, pair) in pairs.enumerated() {
        servedLatency[pair.region] += hour.routed[p] * regions[pair.region].latencyMs[pair.site]
        served[pair.region] += hour.routed[p]
      }
      for (c, load) in loads.enumerated() {
        loadPayment += hour.price[load.bus] * hour.demand[c]
        loadEnergy += hour.demand[c]
      }
    }
    m.reshufflingGap = m.locationBasedCO2 - m.reportedCO2
    m.conventionalResidualCO2 = m.physicalCO2 - m.reportedCO2
    m.meanLatencyMs = regions.indices.map { served[$0] > 0 ? servedLatency[$0] / served[$0] : 0 }
    m.loadWeightedMeanLMP = loadEnergy > 0 ? loadPayment / loadEnergy : 0
    return m
  }

  /// (H23) for one hour: location-based in S0, ēdef·v0 in EP, Σ εA·E in EA.
  private func reportedEmissions(_ hour: HourEquilibrium, energy: [Double], intensity: Double, terms: MarketTerms)
    -> Double
  {
    let defaultIntensity = terms.defaultIntensity?[hour.hour] ?? 0
    switch terms.disclosure {
    case .none:
      return intensity * energy.reduce(0, +)
    case .exPost:
      return defaultIntensity * hour.uncovered.reduce(0, +)
    case .exAnte:
      return sites.indices.reduce(0) {
        $0 + declaredIntensity(site: $1, hour: hour.hour, defaultIntensity: defaultIntensity) * energy[$1]
      }
    }
  }

  private func addCongestion(_ hour: HourEquilibrium, into m: inout EquilibriumMetrics) {
    for (k, branch) in network.branches.enumerated() {
      let shadow = hour.flowUpperPrice[k] + hour.flowLowerPrice[k]
      let rent = branch.limitMW * shadow
      let binding = shadow >= EquilibriumMetrics.bindingThreshold ? 1 : 0
      m.congestionRent += rent
      m.bindingLineHours += binding
      if branch.isTie {
        m.congestionRentTies += rent
        m.bindingLineHoursTies += binding
      } else {
        m.congestionRentBackbone += rent
        m.bindingLineHoursBackbone += binding
      }
    }
    m.merchandisingSurplus -= zip(hour.price, hour.injection).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// (H36a) for one hour: own sites' energy and operating cost, lease payments, declared-carbon charge (EA) and the
  /// cover of own sites (EP).
  func moneyCost(_ hour: HourEquilibrium, terms: MarketTerms) -> Double {
    let defaultIntensity = terms.defaultIntensity?[hour.hour] ?? 0
    var cost = 0.0
    for (s, site) in sites.enumerated() {
      let load = hour.siteLoad[s]
      switch site.kind {
      case .own:
        cost += site.energyPerMreq * hour.price[site.bus] * load + site.linearCost * load
          + 0.5 * site.quadraticCost * load * load
        if terms.disclosure == .exPost {
          cost += units.indices.reduce(0) { $0 + hour.premium[$1] * hour.claims[$1][s] }
          cost += carbonPrice * defaultIntensity * hour.uncovered[s]
        }
      case .modular:
        cost += hour.leasePrice[s] * load
      }
      if terms.disclosure == .exAnte {
        cost += carbonPrice * declaredIntensity(site: s, hour: hour.hour, defaultIntensity: defaultIntensity)
          * site.energyPerMreq * load
      }
    }
    return cost
  }
}
