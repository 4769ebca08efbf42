import Foundation
import PowerGrid
import Scenarios

/// A hyperscaler power-market scenario as stored in JSON (snake_case keys; annotated in this module's README).
/// `makeCase()` turns it into a `MarketCase`: it reads the MATPOWER network, adds the edge buses and ties, builds the
/// PTDF to the hub bus, the producers, the calibrated conventional loads, the sites and the regions.
public struct EquilibriumScenario: Sendable, Codable {
  public var name: String
  public var description: String?
  public var hours: Int
  public var network: NetworkSpec
  public var generatorTypes: [GeneratorType]
  /// c2 ($/MW²h) given to units whose case cost is linear (c2 = 0), for strict convexity (assumption A2).
  public var minQuadraticCost: Double
  public var wind: WindSpec
  public var loads: LoadSpec
  public var sites: [SiteSpec]
  public var regions: [RegionSpec]
  /// h[t]: inference demand D[r,t] = peak_demand[r]·h[t].
  public var inferenceShape: [Double]
  /// θ, $/(Mreq·ms).
  public var latencyValue: Double
  /// V_U, $/Mreq.
  public var unservedValue: Double
  /// τ, $/tCO2.
  public var carbonPrice: Double
  public var defaults: Defaults?

  public struct NetworkSpec: Sendable, Codable {
    /// A built-in MATPOWER case name or a path to a .m file.
    public var `case`: String
    /// Reference (hub) bus number i*.
    public var hubBus: Int
    /// 1-based `gen` rows that are not producers (e.g. a synchronous condenser).
    public var skipGeneratorRows: [Int]?
    public var edgeBuses: [EdgeBus]?
  }

  /// An edge bus joined to its host by a radial tie.
  public struct EdgeBus: Sendable, Codable {
    public var bus: Int
    public var name: String
    public var hostBus: Int
    public var reactancePu: Double
    public var limitMw: Double
  }

  /// Technology and emission rate of a set of `gen` rows.
  public struct GeneratorType: Sendable, Codable {
    public var type: String
    public var rows: [Int]
    public var fuel: String
    public var emissionTPerMwh: Double
  }

  public struct WindSpec: Sendable, Codable {
    public var nominalMw: Double
    public var linearCost: Double
    public var quadraticCost: Double
    /// (H32): cf[t] = mean + amplitude·cos(2π(t − peak_hour)/24), t = 1…24.
    public var capacityFactor: CapacityFactor
    public var farms: [WindFarm]
  }

  public struct CapacityFactor: Sendable, Codable {
    public var mean: Double
    public var amplitude: Double
    public var peakHour: Double
  }

  /// A wind farm: availability Ḡ[t] = nominal·min(1, multiplier·cf[t]).
  public struct WindFarm: Sendable, Codable {
    public var name: String
    public var bus: Int
    public var multiplier: Double
  }

  /// Conventional loads: the case's PD scaled by `hourly_shape`, calibrated by (H2c).
  public struct LoadSpec: Sendable, Codable {
    /// pref, $/MWh.
    public var referencePrice: Double
    /// ε, own-price elasticity at pref.
    public var elasticity: Double
    public var hourlyShape: [Double]
  }

  public struct SiteSpec: Sendable, Codable {
    public var name: String
    public var kind: SiteKind
    public var bus: Int
    /// X̄ or Q̄, Mreq/h.
    public var capacity: Double
    /// κ, MWh of IT energy per Mreq.
    public var itEnergy: Double
    public var pue: Double
    /// o1, $/Mreq.
    public var linearCost: Double
    /// o2, $·h/Mreq².
    public var quadraticCost: Double
    /// The co-located wind farm of an MDC (for the ex-ante declaration).
    public var windFarm: String?
  }

  public struct RegionSpec: Sendable, Codable {
    public var name: String
    /// Dpeak, Mreq/h.
    public var peakDemand: Double
    public var maxLatencyMs: Double
    public var meanLatencyMs: Double
    /// ℓ[r,s] by site name, ms.
    public var latencyMs: [String: Double]
  }

  public struct Defaults: Sendable, Codable {
    public var alpha: Double?
    public var ppaShare: Double?
  }
}

extension EquilibriumScenario {
  /// Names of the built-in scenarios.
  public static var builtInNames: [String] { ScenarioJSON.names(in: builtInFolder) }

  static var builtInFolder: URL? {
    ResourceFolder.locate(
      environment: "COMPUTEGRID_EQUILIBRIUM_SCENARIOS", bundle: "ComputeGrid_HyperscalerMarket.resources",
      subfolder: "scenarios",
      sourceFolder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Resources/scenarios"))
  }

  /// Loads a built-in scenario by name, or a scenario file by path.
  public static func load(_ nameOrPath: String) throws -> EquilibriumScenario {
    var path = nameOrPath
    if !nameOrPath.hasSuffix(".json") && !nameOrPath.contains("/") {
      guard let folder = builtInFolder,
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(nameOrPath).json").path)
      else {
        throw ScenarioError(
          file: nameOrPath, field: "-",
          message: "no such scenario; built-in: \(builtInNames.joined(separator: ", ")), or give a .json file")
      }
      path = folder.appendingPathComponent("\(nameOrPath).json").path
    }
    return try ScenarioJSON.decode(EquilibriumScenario.self, from: try ScenarioJSON.read(path), file: path)
  }
}
