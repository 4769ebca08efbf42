/// A message between market agents. Only what the algorithm exchanges crosses agent boundaries: price estimates
/// y_i (every pair and hour, $ per kreq/s·h) and proposed trades on a shared pair (kreq/s). No cost, capacity,
/// load or schedule data of an agent is ever sent.
public enum MarketMessage: Codable, Sendable, Equatable {
  case prices(PriceEstimate)
  case trades(TradeProposal)

  public var sender: Int {
    switch self {
    case .prices(let message): return message.from
    case .trades(let message): return message.from
    }
  }
}

/// DC `from`'s estimate y of every bilateral price after iteration `iteration`, flattened pair-major (e·NT + t).
public struct PriceEstimate: Codable, Sendable, Equatable {
  public let from: Int
  public let iteration: Int
  public let prices: [Double]
}

/// DC `from`'s proposed purchases x_{from,partner,t} from its partner on pair `pair`, one per hour.
public struct TradeProposal: Codable, Sendable, Equatable {
  public let from: Int
  public let iteration: Int
  public let pair: Int
  public let trades: [Double]
}

/// How market agents exchange messages. The in-process transport is a set of mailboxes; a networked transport
/// (gRPC, sockets) implements the same two calls with `Codable` messages.
public protocol MarketTransport {
  /// Delivers `message` to `agent` (arrives in the order sent).
  mutating func send(_ message: MarketMessage, to agent: Int) throws
  /// Removes and returns every message waiting for `agent`.
  mutating func receive(for agent: Int) throws -> [MarketMessage]
}

/// Mailboxes in one process. Messages are copied values, so agents share no mutable state.
public struct InProcessTransport: MarketTransport {
  private var mailboxes: [[MarketMessage]]
  /// Every message sent, for inspection by tests and logs.
  public private(set) var delivered: [MarketMessage] = []

  public init(agents: Int) { mailboxes = [[MarketMessage]](repeating: [], count: agents) }

  public mutating func send(_ message: MarketMessage, to agent: Int) throws {
    mailboxes[agent].append(message)
    delivered.append(message)
  }

  public mutating func receive(for agent: Int) throws -> [MarketMessage] {
    defer { mailboxes[agent].removeAll(keepingCapacity: true) }
    return mailboxes[agent]
  }
}
