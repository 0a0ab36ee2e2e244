package io.burnwatch.ingest.traces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Decodes one request body of spans into {@link DecodedSpans}: every span is either decoded or
 * rejected with its place and reason; a body that cannot be read at all is one
 * {@link SpanDecodeException}. The body is whole and already un-gzipped (the HTTP layer does
 * that). Implementations are immutable and thread-safe.
 */
public sealed interface SpanDecoder permits OtlpProtobufSpanDecoder, OtlpJsonSpanDecoder, ZipkinJsonSpanDecoder {

    DecodedSpans decode(byte[] body, int offset, int length) throws SpanDecodeException;

    default DecodedSpans decode(byte[] body) throws SpanDecodeException {
        return decode(body, 0, body.length);
    }

    /** Decodes the buffer's remaining bytes; its position is left unchanged. */
    default DecodedSpans decode(ByteBuffer body) throws SpanDecodeException {
        if (body.hasArray()) {
            return decode(body.array(), body.arrayOffset() + body.position(), body.remaining());
        }
        byte[] copy = new byte[body.remaining()];
        body.duplicate().get(copy);
        return decode(copy);
    }

    /**
     * Reads exactly {@code length} bytes (the request's Content-Length, or the size the HTTP layer
     * un-gzipped) and decodes them; a body that ends early is a {@link SpanDecodeException}.
     *
     * @throws IOException when the stream itself fails
     */
    default DecodedSpans decode(InputStream body, int length) throws SpanDecodeException, IOException {
        if (length < 0) {
            throw new IllegalArgumentException("negative body length " + length);
        }
        byte[] bytes = body.readNBytes(length);
        if (bytes.length < length) {
            throw new SpanDecodeException("request body ended after " + bytes.length + " of " + length + " bytes",
                    "byte " + bytes.length);
        }
        return decode(bytes);
    }
}
