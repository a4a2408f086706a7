import Testing

@testable import Varlink

struct JSONValueTests {
    @Test func integersStayIntegersAndFloatsStayFloats() throws {
        let value = try JSONValue(parsing: #"{"a": 1, "b": 1.0, "c": -3, "d": 2.5e3, "e": 9223372036854775807}"#)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.0))
        #expect(value["c"] == .int(-3))
        #expect(value["d"] == .double(2500))
        #expect(value["e"] == .int(Int.max))
        #expect(value.serialized() == #"{"a":1,"b":1.0,"c":-3,"d":2500.0,"e":9223372036854775807}"#)
    }

    @Test func serialisationSortsKeysAndEscapes() throws {
        let value: JSONValue = ["z": [true, nil, "a\"b\\c\n\u{01}"], "a": ["y": 2, "x": "街道"]]
        let text = value.serialized()
        #expect(text == #"{"a":{"x":"街道","y":2},"z":[true,null,"a\"b\\c\n\u0001"]}"#)
        #expect(try JSONValue(parsing: text) == value)
    }

    /// Strings are copied in runs between the bytes that need escaping: random text with controls, quotes,
    /// backslashes, CJK and emoji at every position comes back as it went.
    @Test func randomTextSurvivesSerialisation() throws {
        let pieces: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{1F}", "\u{7F}", "a", "/", "街道", "😀", " "]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let serialized = JSONValue.string(text).serialized()
            #expect(try JSONValue(parsing: serialized) == .string(text), "\(serialized)")
            #expect(!serialized.unicodeScalars.dropFirst().dropLast().contains { $0.value < 0x20 })
        }
    }

    @Test func unicodeEscapesAndSurrogatePairsDecode() throws {
        #expect(try JSONValue(parsing: #""\u8857\ud83d\ude00\/""#) == .string("街😀/"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "tru", "\"\\x\"", "\"\\ud800\"", "1 2", "{\"a\":1,}"])
    func malformedTextIsRejected(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    /// Found by the varlink-frame fuzz target: 1e400 parsed to infinity and serialised as null.
    @Test(arguments: ["1e400", "-1e400", "[1E+999]", "{\"a\":123456789e999}"])
    func numbersBeyondDoubleAreRefused(text: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        #expect(error?.message == "number out of range")
    }

    @Test func deepNestingIsRejectedInsteadOfOverflowingTheStack() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func accessorsConvertBetweenNumberKinds() {
        let value: JSONValue = ["n": 3, "f": 3.0, "g": 3.5, "s": "x", "l": [1, 2]]
        #expect(value["n"]?.doubleValue == 3)
        #expect(value["f"]?.intValue == 3)
        #expect(value["g"]?.intValue == nil)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["l"]?[1] == .int(2))
        #expect(value["l"]?[5] == nil)
        #expect(value["missing"] == nil)
    }

    struct Params: Codable, Equatable {
        var name: String
        var count: Int
        var ratio: Double
        var tags: [String]
        var note: String?
    }

    @Test func codableValuesConvertToAndFromJSONValue() throws {
        let params = Params(name: "蓝天二村", count: 2, ratio: 0.5, tags: ["a"], note: nil)
        let parameters = try JSONValue.parameters(encoding: params)
        #expect(parameters["count"] == .int(2))
        #expect(parameters["ratio"] == .double(0.5))
        #expect(parameters["note"] == nil)
        #expect(try JSONValue.object(parameters).decode(Params.self) == params)
    }

    @Test func jsonValueItselfIsCodable() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", true, nil], "b": [:]]
        #expect(try JSONValue(encoding: value) == value)
        #expect(try value.decode(JSONValue.self) == value)
    }
}
