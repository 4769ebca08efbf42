import CloudMarket
import DataCenters
import PowerGrid

/// One line of a coordination log.
public struct CoordinationStep: Sendable, Equatable {
  public var iteration: Int
  /// max |P_D − P_G| (ADMM) or max |P^{k+1} − P^k| (bisection), MW.
  public var powerResidualMW: Double
  /// ρ·max |P_G^k − P_G^{k−1}| (ADMM) or max LMP change at DC buses (bisection), $/MWh.
  public var priceChange: Double
  /// Bracketed entries (bisection) — 0 for ADMM.
  public var bracketed: Int
  public var seconds: Double
  /// The price each data center sees after this iteration, per hour ($/MWh): λ (ADMM) or its bus LMP (bisection).
  public var prices: [[Double]] = []
}

/// The result of a coordination method: prices, grid state, schedules, profits and how it got there.
public struct CoordinationOutcome: Sendable {
  public var method: String
  public var converged: Bool
  public var iterations: Int
  public var oscillations: Int
  /// Grid results per hour at the final data-center demands (LMP, energy, congestion, flows, dispatch).
  public var grid: [DCOPFPeriodResult]
  /// Each data center's final schedule.
  public var schedules: [ScheduleValues]
  /// LMP at each data center's bus per hour ($/MWh).
  public var dataCenterPrices: [[Double]]
  public var log: [CoordinationStep]
  /// Bisection only: active B7 bounds at termination and max |P̃ − P| of the unbounded responses (MW).
  public var activeBounds: Int?
  public var unboundedGapMW: Double?
  public var seconds: Double
  /// With a market: the final clearing (trades and bilateral prices) and the market iterations per outer iteration.
  public var market: MarketOutcome? = nil
  public var marketIterations: [Int] = []

  /// Profit of each data center (R − C_dep − C_el − P2P payments, $ over the horizon).
  public func profits(_ centers: [DataCenter]) -> [Double] {
    let payments = market?.payments(agents: centers.count) ?? [Double](repeating: 0, count: centers.count)
    return centers.indices.map { schedules[$0].profit(centers[$0], prices: dataCenterPrices[$0]) - payments[$0] }
  }

  /// Grid energy of all data centers over the horizon (MWh).
  public var energyMWh: Double { schedules.reduce(0) { $0 + $1.gridMW.reduce(0, +) } }

  /// max over buses and hours of |LMP − reference LMP| ($/MWh).
  public func lmpGap(to reference: CoordinationOutcome) -> Double {
    var gap = 0.0
    for (mine, theirs) in zip(grid, reference.grid) {
      for (a, b) in zip(mine.lmp, theirs.lmp) where a.isFinite && b.isFinite { gap = max(gap, abs(a - b)) }
    }
    return gap
  }
}

/// A coordination run that cannot be completed, with the reason.
public struct CoordinationError: Error, CustomStringConvertible {
  public let message: String
  public var description: String { message }
}
