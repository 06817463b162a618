import Foundation

/// Settings a project can change.
public struct ProjectSettings: Hashable, Sendable, Codable {
    /// Failed re-checks that make a defect a repeat failure counted against its contractor.
    public var penaltyThreshold: Int
    /// Share of units that must be ready for delivery.
    public var readinessTarget: Double

    public init(penaltyThreshold: Int = 2, readinessTarget: Double = 0.98) {
        self.penaltyThreshold = penaltyThreshold
        self.readinessTarget = readinessTarget
    }

    public static func validated(penaltyThreshold: Int?, readinessTarget: Double?) throws(InspectionError) {
        if let t = penaltyThreshold, !(1...10).contains(t) {
            throw .invalidValue("the penalty threshold is a number of failed re-checks from 1 to 10, not \(t)")
        }
        if let r = readinessTarget, !(r > 0 && r <= 1) {
            throw .invalidValue("the readiness target is a share above 0 and at most 1 (e.g. 0.98), not \(r)")
        }
    }
}

/// A housing project under mock inspection.
public struct Project: Hashable, Sendable, Codable {
    public var id: UUID
    public var name: String
    public var delivery: Day
    public var settings: ProjectSettings

    public init(id: UUID, name: String, delivery: Day, settings: ProjectSettings = ProjectSettings()) {
        self.id = id
        self.name = name
        self.delivery = delivery
        self.settings = settings
    }
}
