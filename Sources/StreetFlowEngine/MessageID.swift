/// The journal `MESSAGE_ID` of each kind of StreetFlow log entry (catalog: `Deploy/streetflow.catalog`).
public enum MessageID {
    public static let started = "849fc5e6bff145918c1ae83d2a3294f8"
    public static let stopping = "24f1d7392a054817b84464514701b00b"
    public static let reloaded = "08fc35bb51f64dfcbd578b82cef9b32a"
    public static let reloadRefused = "9ac27a8297fb4b80a52af55b683b364f"
    public static let submitted = "9d7be0047a3a4954b9d5e91c66fd8480"
    public static let acted = "87558c1886ca443bbd13191437714922"
    public static let signed = "5ca369b8738d4872acb12a8190a49ec5"
    public static let commented = "1b0b3f67bb2c447290612dec915b5a2e"
    public static let reminder = "51c3af68c68b417085b6e6d1be1edfe5"
    public static let escalation = "1d4098b7c46a4855909c88669a279eac"
    public static let assigned = "2807f6f26bfa4bd78f6f7417361ef63b"
    public static let migrated = "d023dfb697904cf694175073fb5c3297"
    public static let chainHead = "b528613e6a3d410892eb2ddde42b5150"
    public static let auditFailed = "2ea7c466a8814a08bf8c7f8a061bf2ab"
    public static let peerRefused = "3fc3297a724f4138a4cc6d747b8c1c47"
    public static let sampleList = "16b2eb19a062452aa16e474f14821143"
    public static let programmeUnconfirmed = "4b3a6ef79f2b4dea90d3724eb25af501"
    /// A request's deadline was recomputed because the working-day calendar changed.
    public static let rescheduled = "81a6231f3f4049fdabd589c9bb16a1f5"
    /// Files were attached to a request (their hashes are in the event, the bytes in the store).
    public static let attached = "dc99cd2066d043d59494b64d2c72758d"
    /// Someone urged whoever holds a request to act (催办).
    public static let urged = "85cca1135b95415faf90ef7f19de2678"
    public static let calendarEnding = "eac148d003a74c15a46b66109fb07634"
    /// The database file was deleted, replaced or made read-only under the running daemon: writes are refused.
    public static let storeUnwritable = "c1f3a0e27d5b4c0b9e8e4b8f2d6a7e31"
    /// The store is behind the chain head recorded outside it (refused at start, or accepted as told).
    public static let storeBehind = "7a4e2d9b5c1f4e8aa3b60c2d9e7f1b45"
    /// The records were moved to another store (`streetflow admin migrate-store`); this one takes no more writes.
    public static let storeMoved = "93dd125bc03843279909ccd8cd7e57f2"
    public static let separationOfDutiesOff = "5ce11b8e2f8b40b8866bdad31aea95bd"
}
