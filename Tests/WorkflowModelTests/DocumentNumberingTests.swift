import Testing

@testable import WorkflowModel

/// A document number is its series' pattern with `{year}` and `{n}` filled in, written by hand on the commit path;
/// it must read exactly as the standard library's `replacing` writes it.
struct DocumentNumberingTests {
    @Test(arguments: [
        "中山准〔{year}〕{n}号", "{n}/{year}", "{year}{year}-{n}{n}", "沪松中〔{year}〕第{n}号{", "{y}{year}}{n{n}}",
        "{}{", "{n}", "{{year}}", "{{n}year}", "无占位", "",
    ])
    func aPatternIsFilledInAsReplacingFillsIt(pattern: String) {
        let numbering = DocumentNumbering(overrides: ["admission": pattern])
        for (year, n) in [(2026, 1), (2027, 12), (1999, 100_000)] {
            let expected = pattern.replacing("{year}", with: String(year)).replacing("{n}", with: String(n))
            #expect(numbering.format(kind: "admission", year: year, n: n) == expected)
        }
    }

    @Test func aSeriesWithoutAPatternIsWrittenWithItsName() {
        #expect(DocumentNumbering().format(kind: "refusal", year: 2026, n: 7) == "文号〔2026〕7号（refusal）")
    }
}
