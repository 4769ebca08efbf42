import Foundation

/// Finds a folder of package resources at run time without `Bundle.module`, whose generated accessor traps on
/// Linux when the bundle is missing (a missing resource must be an error, not a crash).
public enum ResourceFolder {
  /// The first existing folder among: the folder named by the environment variable `environment` (if set);
  /// `bundle/subfolder` next to the main bundle, then next to the running executable (where `swift build` puts
  /// resource bundles); and `sourceFolder` (development checkouts).
  public static func locate(environment: String, bundle: String, subfolder: String, sourceFolder: URL) -> URL? {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment[environment], !override.isEmpty {
      candidates.append(URL(fileURLWithPath: override))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundle).appendingPathComponent(subfolder))
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(
        executable.deletingLastPathComponent().appendingPathComponent(bundle).appendingPathComponent(subfolder))
    }
    candidates.append(sourceFolder)
    for candidate in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
        return candidate
      }
    }
    return nil
  }
}
