/// Normalization for matching: what word lists compare, shown as text.
public enum TextNormalizer {
    /// The text as the matcher reads it: every word NFKC-normalized and case-folded, with default-ignorable
    /// and zero-width characters removed, non-ASCII look-alikes replaced by their Unicode TS #39 prototype
    /// (ASCII letters stay themselves, see `ConfusableFolding`), leet words read as letters ("v1@gr@" →
    /// "viagra", "1" read as "i"), and letters spaced out by spaces, dots or hyphens joined back
    /// ("v.i.a.g.r.a" → "viagra"). What separates words is kept, NFKC-normalized. Idempotent:
    /// `normalize(normalize(x)) == normalize(x)`.
    ///
    /// Combining marks are kept (in NFD): "café" is not "cafe".
    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            let table = ScalarTable.shared
            return TextSegmentation.segment(utf8, table: table) { segmentation in
                WordForms.with { forms in normalized(utf8, segmentation, table: table, forms: &forms) }
            }
        }
    }

    private static func normalized(
        _ utf8: UnsafeBufferPointer<UInt8>, _ segmentation: TextSegmentation, table: ScalarTable,
        forms: inout WordForms
    ) -> String {
        let pieces = segmentation.pieces
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var written = 0
        var runIndex = 0
        var index = 0
        while index < pieces.count {
            while runIndex < segmentation.runs.count, segmentation.runs[runIndex].first < index { runIndex += 1 }
            var end = index + 1
            var traits = pieces[index].traits
            var units = pieces[index].units
            while runIndex < segmentation.runs.count, segmentation.runs[runIndex].first == index {
                let run = segmentation.runs[runIndex]
                if run.end > end { (end, traits, units) = (run.end, run.traits, run.units) }
                runIndex += 1
            }
            let start = pieces[index].start
            let stop = pieces[end - 1].end
            appendGap(utf8, from: written, to: start, into: &output, table: table)
            if end == index + 1 && pieces[index].kind == .leetSymbol {
                // A lone `@` or `$` is punctuation here.
                appendGap(utf8, from: start, to: stop, into: &output, table: table)
            } else {
                forms.build(utf8, from: start, to: stop, traits: traits, units: units, table: table)
                output.append(contentsOf: forms.primary)
            }
            written = stop
            index = end
        }
        appendGap(utf8, from: written, to: utf8.count, into: &output, table: table)
        return String(decoding: output, as: UTF8.self)
    }

    /// Separators between words, NFKC_Casefold'ed; ignorables dropped.
    private static func appendGap(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into output: inout [UInt8],
        table: ScalarTable
    ) {
        var index = start
        while index < end {
            let (scalar, length) =
                text[index] < 0x80 ? (Unicode.Scalar(text[index]), 1) : TextSegmentation.decode(text, at: index)
            table.withEntry(scalar) { output.append(contentsOf: $0.bytes) }
            index += length
        }
    }
}
