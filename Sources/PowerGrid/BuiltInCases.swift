import Foundation

/// The MATPOWER cases shipped with the package (`Resources/cases`, see its README for source and licence).
///
/// The files are found at run time, from any working directory, in this order:
/// 1. the folder named by the environment variable `COMPUTEGRID_CASES`, if set;
/// 2. the SwiftPM resource bundle `ComputeGrid_PowerGrid.resources/cases` next to the running executable
///    (or test bundle), where `swift build` puts it;
/// 3. the package source folder `Sources/PowerGrid/Resources/cases` (development checkouts).
///
/// `Bundle.module` is deliberately not used: on Linux its generated accessor traps when the bundle is
/// missing (e.g. an executable copied elsewhere), and a missing case should be an error, not a crash.
public enum BuiltInCases {
  /// Name of the SwiftPM resource bundle of this target on Linux and macOS command-line builds.
  static let bundleName = "ComputeGrid_PowerGrid.resources"

  /// Folder holding the built-in `.m` files, or nil when none of the locations above exists.
  public static var directory: URL? {
    ResourceFolder.locate(
      environment: "COMPUTEGRID_CASES", bundle: bundleName, subfolder: "cases",
      sourceFolder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/cases"))
  }

  /// Names of the built-in cases (file names without `.m`), sorted: e.g. `case30`, `case_ACTIVSg2000`.
  public static func names() -> [String] {
    guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else {
      return []
    }
    return files.filter { $0.hasSuffix(".m") }.map { String($0.dropLast(2)) }.sorted()
  }

  /// Location of a built-in case; `name` may carry the `.m` suffix. Throws a `CaseFileError` (kind `.io`)
  /// listing the available names when there is no such case.
  public static func url(named name: String) throws -> URL {
    let base = name.hasSuffix(".m") ? String(name.dropLast(2)) : name
    guard let directory else {
      throw CaseFileError(
        .io, file: "\(base).m",
        message: "built-in cases not found (no \(bundleName) next to the executable); set COMPUTEGRID_CASES to the cases folder")
    }
    let url = directory.appendingPathComponent("\(base).m")
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw CaseFileError(
        .io, file: "\(base).m",
        message: "no built-in case of that name; available: \(names().joined(separator: ", "))")
    }
    return url
  }

  /// File-system path of a built-in case.
  public static func path(named name: String) throws -> String { try url(named: name).path }

  /// Reads and parses a built-in case.
  public static func load(_ name: String) throws -> PowerCase {
    try MATPOWERReader.read(contentsOf: url(named: name))
  }
}
