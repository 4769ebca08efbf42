import CloudMarket
import DataCenters
import Optimization

/// How the data centers' interactive work is handled at the DC side of a coordination loop.
public enum MarketMode: Sendable {
  /// No market: each data center serves its own interactive work (D14).
  case none
  /// Peer-to-peer market cleared centrally (the exact welfare problem M7).
  case central(MarketSettings)
  /// Peer-to-peer market cleared by the dual consensus ADMM over the in-process transport.
  case admm(MarketSettings)

  public var name: String {
    switch self {
    case .none: return "none"
    case .central: return "central"
    case .admm: return "admm"
    }
  }

  public var settings: MarketSettings? {
    switch self {
    case .none: return nil
    case .central(let settings), .admm(let settings): return settings
    }
  }
}

/// The DC side of one outer iteration: schedules (and market) at given electricity prices.
struct DataCenterSideResult {
  var schedules: [ScheduleValues]
  var market: MarketOutcome?
  var demand: [[Double]] { schedules.map(\.gridMW) }
}

extension CoordinationSetup {
  /// Every data center's response to `prices` ($/MWh per DC and hour), with the market of `mode`; with `centre`,
  /// each also pays (ρ/2)(P_grid − centre)². `warmPrices` starts the consensus ADMM (pair-major e·NT + t).
  func dataCenterSide(
    prices: [[Double]], mode: MarketMode, rho: Double, centre: [[Double]]?, responses: inout [DataCenterResponse],
    marketState: inout ConsensusState?, marketIterationLimit: Int? = nil
  ) throws -> DataCenterSideResult {
    let proximal = centre.map { (rho: rho, centre: $0) }
    switch mode {
    case .none:
      let schedules = try centers.indices.map { try respond(&responses[$0], prices: prices[$0], centre: centre?[$0]) }
      return DataCenterSideResult(schedules: schedules, market: nil)
    case .central(let market):
      let outcome = try CentralClearing.clear(
        centers: centers, topology: .fullMesh(centers.count), prices: prices, periods: periods, market: market,
        proximal: proximal, settings: settings)
      return DataCenterSideResult(schedules: outcome.schedules, market: outcome)
    case .admm(let market):
      var transport = InProcessTransport(agents: centers.count)
      let outcome = try ConsensusADMM.clear(
        centers: centers, topology: .fullMesh(centers.count), prices: prices, periods: periods, market: market,
        transport: &transport, initialPrices: nil, proximal: proximal, settings: settings, state: &marketState,
        iterationLimit: marketIterationLimit)
      return DataCenterSideResult(schedules: outcome.schedules, market: outcome)
    }
  }
}

extension CoordinationSetup {
  /// Relative welfare gap of the consensus ADMM (cold start) to the central clearing M7 at fixed electricity
  /// prices (§10.8), and the ADMM's iteration count.
  public func marketWelfareGap(prices: [[Double]], market: MarketSettings) throws -> (gap: Double, iterations: Int) {
    let central = try CentralClearing.clear(
      centers: centers, topology: .fullMesh(centers.count), prices: prices, periods: periods, market: market,
      settings: settings)
    var transport = InProcessTransport(agents: centers.count)
    let admm = try ConsensusADMM.clear(
      centers: centers, topology: .fullMesh(centers.count), prices: prices, periods: periods, market: market,
      transport: &transport, settings: settings)
    return (abs(admm.cost - central.cost) / max(1, abs(central.cost)), admm.iterations)
  }
}
