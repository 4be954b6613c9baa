package dev.maildigest.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.RangeSummary;

/**
 * A range's digest as the list step handles it: the few fields it orders and logs by, and the
 * digest and its text already encoded as they go out. A digest holds its patches' diffs (kvmarm:
 * 21 KB on average, up to 290 KB); encoded once in the range step, the list step only passes the
 * bytes on instead of decoding and encoding each one again.
 */
final class RangeSummaries {
    private RangeSummaries() {
    }

    /** @param encoded the digest as the serde of mail.digests writes it */
    static RangeSummary of(Digest digest, byte[] encoded) {
        return new RangeSummary(digest.getList(), digest.getRange(), digest.getFirstShort(), digest.getLastShort(),
                digest.getMessages(), digest.getParseFailures(), ByteBuffer.wrap(encoded),
                ByteBuffer.wrap(digest.getText().getBytes(StandardCharsets.UTF_8)));
    }

    /** The bytes of an Avro bytes field, without a copy when the buffer is exactly one array. */
    static byte[] bytes(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
