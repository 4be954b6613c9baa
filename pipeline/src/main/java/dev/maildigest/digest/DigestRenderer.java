package dev.maildigest.digest;

import dev.maildigest.avro.Digest;

/** Turns a digest record into a document a person reads. */
@FunctionalInterface
public interface DigestRenderer {
    String render(Digest digest);
}
