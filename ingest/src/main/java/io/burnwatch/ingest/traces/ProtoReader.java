package io.burnwatch.ingest.traces;

/**
 * The protobuf wire format over a byte array, as far as the OTLP decoder needs it: tags, varints,
 * fixed64, lengths, and skipping any field (groups included). Every read is bounds-checked
 * against the end of the enclosing message; the same rules as protobuf-java's
 * {@code CodedInputStream} over a byte array (a tag or length is the low 32 bits of a varint of
 * at most 10 bytes; field number 0 is invalid; a length must fit in what is left).
 */
final class ProtoReader {

    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int SGROUP = 3;
    static final int EGROUP = 4;
    static final int I32 = 5;

    /** protobuf-java's default recursion limit; here it bounds nested unknown groups. */
    private static final int MAX_GROUP_DEPTH = 100;

    final byte[] buf;
    private final int base;
    int pos;

    ProtoReader(byte[] buf, int offset) {
        this.buf = buf;
        this.base = offset;
        this.pos = offset;
    }


    /** The next tag; {@code pos < end} must hold. */
    int readTag(int end) throws SpanDecodeException {
        int at = pos;
        int tag = (int) readVarint(end);
        if (tag >>> 3 == 0) {
            throw malformed("invalid tag (field number 0)", at);
        }
        return tag;
    }

    long readVarint(int end) throws SpanDecodeException {
        int p = pos;
        if (p < end) {
            byte b = buf[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return readVarintSlow(end);
    }

    /**
     * A varint ends at a byte without the continuation bit, or after 10 bytes whatever the 10th
     * is: protobuf-java's array decoder reads such a varint too (found by fuzzing), and the decoder
     * must not refuse what protobuf-java reads.
     */
    private long readVarintSlow(int end) throws SpanDecodeException {
        int start = pos;
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw malformed("truncated varint", start);
            }
            byte b = buf[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        return value;
    }

    long readFixed64(int end) throws SpanDecodeException {
        int p = pos;
        if (end - p < 8) {
            throw malformed("truncated fixed64", p);
        }
        pos = p + 8;
        return (buf[p] & 0xFFL) | (buf[p + 1] & 0xFFL) << 8 | (buf[p + 2] & 0xFFL) << 16 | (buf[p + 3] & 0xFFL) << 24
                | (buf[p + 4] & 0xFFL) << 32 | (buf[p + 5] & 0xFFL) << 40 | (buf[p + 6] & 0xFFL) << 48
                | (buf[p + 7] & 0xFFL) << 56;
    }

    /** 8 bytes as a big-endian long (how an id's bytes read as hex). */
    long readBigEndian64() {
        int p = pos;
        pos = p + 8;
        return (buf[p] & 0xFFL) << 56 | (buf[p + 1] & 0xFFL) << 48 | (buf[p + 2] & 0xFFL) << 40
                | (buf[p + 3] & 0xFFL) << 32 | (buf[p + 4] & 0xFFL) << 24 | (buf[p + 5] & 0xFFL) << 16
                | (buf[p + 6] & 0xFFL) << 8 | (buf[p + 7] & 0xFFL);
    }

    /** The length of a length-delimited field; afterwards {@code pos} is at its first byte. */
    int readLength(int end) throws SpanDecodeException {
        int at = pos;
        int length = (int) readVarint(end);
        if (length < 0) {
            throw malformed("negative length " + length, at);
        }
        if (length > end - pos) {
            throw malformed("length " + length + " runs past the end of its message (" + (end - pos) + " bytes left)", at);
        }
        return length;
    }

    /** Skips the value of a field whose tag was just read. */
    void skipField(int tag, int end) throws SpanDecodeException {
        skipField(tag, end, 0);
    }

    private void skipField(int tag, int end, int depth) throws SpanDecodeException {
        switch (tag & 7) {
            case VARINT -> readVarint(end);
            case I64 -> skipBytes(8, end);
            case LEN -> {
                int length = readLength(end); // not "pos += readLength(end)": that adds to the pos before the length
                pos += length;
            }
            case I32 -> skipBytes(4, end);
            case SGROUP -> skipGroup(tag, end, depth + 1);
            case EGROUP -> throw malformed("end-group tag without a start-group", pos - 1);
            default -> throw malformed("invalid wire type " + (tag & 7), pos - 1);
        }
    }

    private void skipGroup(int startTag, int end, int depth) throws SpanDecodeException {
        if (depth > MAX_GROUP_DEPTH) {
            throw malformed("groups nested deeper than " + MAX_GROUP_DEPTH, pos);
        }
        int endTag = startTag + 1; // same field number, wire type 4
        while (true) {
            if (pos >= end) {
                throw malformed("group of field " + (startTag >>> 3) + " is not closed", pos);
            }
            int tag = readTag(end);
            if (tag == endTag) {
                return;
            }
            if ((tag & 7) == EGROUP) {
                throw malformed("end-group tag of field " + (tag >>> 3) + " closes a group of field " + (startTag >>> 3), pos - 1);
            }
            skipField(tag, end, depth);
        }
    }

    private void skipBytes(int n, int end) throws SpanDecodeException {
        if (end - pos < n) {
            throw malformed("truncated field", pos);
        }
        pos += n;
    }

    SpanDecodeException malformed(String what, int at) {
        return new SpanDecodeException("not a valid protobuf ExportTraceServiceRequest: " + what, "byte " + (at - base));
    }

    /** Whether {@code buf[off, off + len)} holds exactly the bytes of {@code ascii}. */
    boolean equalsAscii(int off, int len, byte[] ascii) {
        if (len != ascii.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[off + i] != ascii[i]) {
                return false;
            }
        }
        return true;
    }
}
