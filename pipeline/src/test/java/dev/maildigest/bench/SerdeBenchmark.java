package dev.maildigest.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.parse.MailParser;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.InMemorySchemaRegistry;

/**
 * The Confluent-framed Avro serde on the records of the hot path: a raw mail of the archive's
 * average size (about 10 KB) and the parsed mail made of it. Records per second, single thread;
 * schema ids are cached after the first record, as in the pipeline.
 *
 * <pre>
 * mvn -o -q -B -f pipeline/pom.xml test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-cp %classpath org.openjdk.jmh.Main SerdeBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class SerdeBenchmark {
    private static final String RAW = "mail.raw";
    private static final String PARSED = "maildigest-stream-parsed-by-range-repartition";

    /** Size of the message body in bytes. */
    @Param({"10000"})
    public int bodyBytes;

    private RecordSerdes serdes;
    private RawMail raw;
    private ParsedMail parsed;
    private byte[] rawBytes;
    private byte[] parsedBytes;

    @Setup(Level.Trial)
    public void setUp() {
        serdes = RecordSerdes.using(new InMemorySchemaRegistry());
        StringBuilder body = new StringBuilder("Make the widget count its teeth before it meshes.\n\n"
                + "Signed-off-by: Alice Example <alice@example.org>\n---\n widget.c | 4 ++--\n"
                + " 1 file changed, 2 insertions(+), 2 deletions(-)\n\ndiff --git a/widget.c b/widget.c\n");
        while (body.length() < bodyBytes) {
            body.append("+\tcount = teeth_of(widget) + 1; /* keep the table */\n");
        }
        String mail = "From: Alice Example <alice@example.org>\nTo: widgets@lists.example.org\n"
                + "Subject: [PATCH v2 1/3] widget: count teeth\nMessage-ID: <w1@example.org>\n"
                + "Date: Tue, 3 Jun 2025 10:00:00 +0000\n\n" + body;
        Coordinates where = new Coordinates("widgets", "/archives/widgets", 0, "9f1c2d3e4b5a69788796a5b4c3d2e1f0a9b8c7d6",
                42L, new CommitRange("1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222", 100, 100, 0L, 0L), 7);
        raw = new RawMail(where, "Widgets", null, Instant.parse("2025-06-03T10:00:00Z"), (long) mail.length(),
                ByteBuffer.wrap(mail.getBytes(StandardCharsets.UTF_8)), null);
        parsed = new MailParser().parse(raw);
        rawBytes = serdes.rawMail().serialize(RAW, raw);
        parsedBytes = serdes.parsedMail().serialize(PARSED, parsed);
    }

    @Benchmark
    public byte[] serializeRawMail() {
        return serdes.rawMail().serialize(RAW, raw);
    }

    @Benchmark
    public RawMail deserializeRawMail() {
        return serdes.rawMail().deserialize(RAW, rawBytes);
    }

    @Benchmark
    public byte[] serializeParsedMail() {
        return serdes.parsedMail().serialize(PARSED, parsed);
    }

    @Benchmark
    public ParsedMail deserializeParsedMail() {
        return serdes.parsedMail().deserialize(PARSED, parsedBytes);
    }
}
