import NIOCore

/// Varlink framing: every message is one JSON object followed by a NUL byte.
enum Frame {
    /// Encodes a message as its JSON text plus the terminating NUL.
    static func encode(_ message: JSONValue, allocator: ByteBufferAllocator) -> ByteBuffer {
        var bytes: [UInt8] = []
        message.serialize(into: &bytes)
        bytes.append(0)
        var buffer = allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    /// Parses the JSON text of one frame (without its NUL).
    static func decode(_ frame: ByteBuffer) throws(JSONParseError) -> JSONValue {
        let result = frame.withUnsafeReadableBytes { bytes in
            Result { () throws(JSONParseError) in try JSONValue.parse(bytes) }
        }
        return try result.get()
    }
}

/// A peer sent more than the maximum message size without a terminating NUL.
struct FrameTooLargeError: Error, Sendable {
    /// The configured maximum, in bytes.
    var maximumSize: Int
}

/// Splits the inbound byte stream at NUL bytes into message frames (without the NUL).
///
/// Buffering is bounded: once more than `maximumMessageSize` bytes arrive without a NUL, decoding fails with
/// ``FrameTooLargeError`` and the pipeline sees the error.
/// (`package` for the fuzz target, which feeds it through an embedded channel.)
package struct FrameDecoder: ByteToMessageDecoder {
    package typealias InboundOut = ByteBuffer

    /// The largest message accepted, in bytes, not counting the NUL.
    let maximumMessageSize: Int
    // Bytes of the current partial message already searched for a NUL, so slow writers cost linear time.
    private var scannedBytes = 0

    package init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
    }

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        if let nul = view[(view.startIndex + scannedBytes)...].firstIndex(of: 0) {
            let length = nul - view.startIndex
            scannedBytes = 0
            guard length <= maximumMessageSize else { throw FrameTooLargeError(maximumSize: maximumMessageSize) }
            let frame = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            context.fireChannelRead(wrapInboundOut(frame))
            return .continue
        }
        scannedBytes = view.count
        guard view.count <= maximumMessageSize else { throw FrameTooLargeError(maximumSize: maximumMessageSize) }
        return .needMoreData
    }

    package mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        // A partial message at end of stream can never complete; it is dropped.
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
