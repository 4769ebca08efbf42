import DataCenters
import Foundation
import PowerGrid

/// A coordination scenario: the network, its profiles, the data centers and the method settings. Stored as JSON
/// with snake_case keys; `Scenarios/README.md` documents every field with an annotated example.
public struct Scenario: Sendable, Codable, Equatable {
  public var name: String
  public var description: String?
  public var network: NetworkSpec
  /// Hourly periods NT (Δt = 1 h).
  public var periods: Int
  /// Per-hour multiplier of the case's bus PD (conventional load).
  public var loadShape: [Double]
  public var renewables: [RenewableSpec]
  public var dataCenters: [DataCenter]
  public var market: MarketSpec?
  public var coordination: CoordinationSpec

  /// The MATPOWER case and the changes the scenario makes to it.
  public struct NetworkSpec: Sendable, Codable, Equatable {
    /// A built-in case name or a path to a .m file.
    public var `case`: String
    /// Multiplies every generator cost coefficient (quadratic, linear and constant).
    public var costScale: Double?
    /// 1-based generator rows taken out of service.
    public var removeGeneratorRows: [Int]?
    /// New RATE_A (MW) for the branches joining the given buses (either direction).
    public var branchRatings: [BranchRating]?
  }

  public struct BranchRating: Sendable, Codable, Equatable {
    public var from: Int
    public var to: Int
    public var rateMw: Double
  }

  /// A wind or PV farm: availability = capacity × hourly shape (MW).
  public struct RenewableSpec: Sendable, Codable, Equatable {
    public var name: String
    public var bus: Int
    public var type: String
    public var capacityMw: Double
    public var shape: [Double]
  }

  /// Peer-to-peer market data (used from issue 6 on): the pair limit X_ij (kreq/s).
  public struct MarketSpec: Sendable, Codable, Equatable {
    public var pairLimitKreqS: Double
  }

  /// Coordination settings (datacenter-market.md §7.4, §8.4), all [PROPOSED] defaults.
  public struct CoordinationSpec: Sendable, Codable, Equatable {
    /// "admm" (grid–DC exchange ADMM, default) or "bisection" (the source paper's loop).
    public var method: String
    /// ADMM penalty ρ_g ($/MWh per MW).
    public var rho: Double
    /// Power tolerance ε_bl (MW).
    public var toleranceMw: Double
    /// Price tolerance ε_λ ($/MWh).
    public var priceTolerance: Double
    public var maxIterations: Int
    /// Value of lost load for shedding in the bisection loop ($/MWh).
    public var voll: Double
  }
}

/// A scenario file that cannot be used, with the field path and value at fault.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
  public let file: String
  public let field: String
  public let message: String
  public var description: String { "\(file): \(field): \(message)" }

  public init(file: String, field: String, message: String) {
    self.file = file
    self.field = field
    self.message = message
  }
}

extension Scenario {
  /// Names of the built-in scenarios.
  public static var builtInNames: [String] { ScenarioJSON.names(in: builtInFolder) }

  static var builtInFolder: URL? {
    ResourceFolder.locate(
      environment: "COMPUTEGRID_SCENARIOS", bundle: "ComputeGrid_Scenarios.resources", subfolder: "scenarios",
      sourceFolder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Resources/scenarios"))
  }

  /// The text of a built-in scenario or of a scenario file.
  public static func text(of nameOrPath: String) throws -> (text: String, file: String) {
    let path: String
    if nameOrPath.hasSuffix(".json") || nameOrPath.contains("/") {
      path = nameOrPath
    } else {
      guard let folder = builtInFolder else {
        throw ScenarioError(file: nameOrPath, field: "-", message: "built-in scenarios not found")
      }
      path = folder.appendingPathComponent("\(nameOrPath).json").path
      guard FileManager.default.fileExists(atPath: path) else {
        throw ScenarioError(
          file: nameOrPath, field: "-",
          message: "no such scenario; built-in: \(builtInNames.joined(separator: ", ")), or give a .json file")
      }
    }
    return (try ScenarioJSON.read(path), path)
  }

  /// Loads, decodes and validates a built-in scenario or a scenario file.
  public static func load(_ nameOrPath: String) throws -> Scenario {
    let (text, file) = try text(of: nameOrPath)
    return try decode(text, file: file)
  }

  /// Decodes and validates scenario JSON.
  public static func decode(_ text: String, file: String) throws -> Scenario {
    let scenario = try ScenarioJSON.decode(Scenario.self, from: text, file: file)
    try scenario.validate(file: file)
    return scenario
  }

  /// JSON text with snake_case keys (what `computegrid scenario show` prints).
  public func encoded() throws -> String {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }
}
