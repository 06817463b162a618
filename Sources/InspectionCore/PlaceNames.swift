/// How buildings, entrances and units are named, the same on the screens, in the documents
/// and on the command line: a unit (户) is never called 单元, which is the entrance.
public enum PlaceNames {
    /// "3栋" / "Building 3".
    public static func building(_ building: String) -> Localized {
        Localized(zh: "\(building)栋", en: "Building \(building)")
    }

    /// "3栋" / "Bldg 3", where columns are narrow.
    public static func buildingShort(_ building: String) -> Localized {
        Localized(zh: "\(building)栋", en: "Bldg \(building)")
    }

    /// "3栋 1单元" / "Building 3 · Entrance 1".
    public static func entrance(_ building: String, _ entrance: Int) -> Localized {
        Localized(zh: "\(building)栋 \(entrance)单元", en: "Building \(building) · Entrance \(entrance)")
    }

    /// "3栋 1单元 0502" / "Bldg 3 · Entr. 1 · 0502".
    public static func unit(building: String, entrance: Int, floor: Int, number: Int) -> Localized {
        let room = UnitCode.twoDigits(floor) + UnitCode.twoDigits(number)
        return Localized(zh: "\(building)栋 \(entrance)单元 \(room)", en: "Bldg \(building) · Entr. \(entrance) · \(room)")
    }

    public static func unit(_ unit: ProjectUnit) -> Localized {
        self.unit(building: unit.building, entrance: unit.entrance, floor: unit.floor, number: unit.number)
    }
}
