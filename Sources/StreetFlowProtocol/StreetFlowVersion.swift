/// The StreetFlow release.
public enum StreetFlowVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
