package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.DeadLetter;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.digest.DigestBuilder;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.InMemorySchemaRegistry;

class DigestTopologyTest {
    private final Topics topics = Topics.of("");
    private final RecordSerdes serdes = RecordSerdes.using(new InMemorySchemaRegistry());
    /** The list stage renders the text of the final digest. */
    static final Function<Digest, String> TEXT = d -> "digest of " + d.getList() + " " + d.getFirstShort() + ".." + d.getLastShort();
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawMail> raw;
    private TestOutputTopic<String, Digest> digests;
    private TestOutputTopic<String, String> texts;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        Function<RawMail, ParsedMail> parser = TestMails::parse;
        DigestBuilder builder = new DigestBuilder(d -> "");
        // The production settings (exactly once, caches, commit interval), as `stream` and `run` use them.
        Properties props = new PipelineConfig("unused:9092", "http://unused", new Properties(), topics)
                .streams("test", stateDir);
        driver = new TopologyTestDriver(DigestTopology.build(topics, serdes, parser, builder::build, TEXT), props, START);
        raw = driver.createInputTopic(topics.raw(), serdes.key(), serdes.rawMail());
        digests = driver.createOutputTopic(topics.digests(), serdes.key(), serdes.digest());
        texts = driver.createOutputTopic(topics.digestsText(), Serdes.String().deserializer(), Serdes.String().deserializer());
        deadLetters = driver.createOutputTopic(topics.deadLetters(), serdes.key(), serdes.deadLetter());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(List<RawMail> mails) {
        mails.forEach(m -> raw.pipeInput(m.getCoordinates().getList() + ":" + m.getCoordinates().getCommit(), m));
    }

    @Test
    void aCompleteRangeGivesOneDigestAndItsText() {
        List<RawMail> range = TestMails.range("kvm", "aaaa0000", 3);
        send(range.subList(0, 2));
        assertTrue(digests.isEmpty(), "no digest before the last message of the range");
        send(range.subList(2, 3));

        KeyValue<String, Digest> digest = digests.readKeyValue();
        assertEquals("kvm aaaa0000c0..aaaa0000c2", digest.key);
        assertEquals(3, digest.value.getMessages());
        assertEquals("aaaa0000", digest.value.getFirstShort());
        assertEquals(List.of("alice@example.org", "bob@example.com"),
                digest.value.getTopContributors().stream().map(c -> c.getAuthor().getEmail()).toList());
        assertEquals(2, digest.value.getTopContributors().get(0).getCount());
        assertEquals("digest of kvm aaaa0000..aaaa0000", texts.readValue());
        assertTrue(digests.isEmpty());
    }

    @Test
    void messagesOutOfOrderStillMakeOneDigest() {
        List<RawMail> range = new ArrayList<>(TestMails.range("kvm", "bbbb0000", 4));
        java.util.Collections.reverse(range);
        send(range);
        List<Digest> out = digests.readValuesToList();
        assertEquals(1, out.size());
        assertEquals(4, out.get(0).getMessages());
    }

    @Test
    void aMessageDeliveredTwiceIsCountedOnce() {
        List<RawMail> range = TestMails.range("kvm", "cccc0000", 3);
        send(List.of(range.get(0), range.get(0), range.get(1)));
        assertTrue(digests.isEmpty(), "a duplicate must not complete the range");
        send(List.of(range.get(2), range.get(1)));
        List<Digest> out = digests.readValuesToList();
        assertEquals(1, out.size(), "the late duplicate after the digest does not produce a second one");
        assertEquals(3, out.get(0).getMessages());
    }

    @Test
    void aParseFailureGoesToDeadLettersAndStillCountsTowardItsRange() {
        List<RawMail> range = new ArrayList<>(TestMails.range("kvm", "dddd0000", 3));
        range.set(1, TestMails.withBody(range.get(1), "\u0000garbage that is no mail"));
        send(range);

        Digest digest = digests.readValue();
        assertEquals(3, digest.getMessages());
        assertEquals(1, digest.getParseFailures());
        KeyValue<String, DeadLetter> dead = deadLetters.readKeyValue();
        assertEquals("kvm:dddd0000c1", dead.key);
        assertEquals("parse", dead.value.getStage());
        assertEquals("dddd0000c1", dead.value.getCoordinates().getCommit());
        assertEquals(1, dead.value.getCoordinates().getIndex());
        assertEquals("no header fields: not a mail message", dead.value.getReason());
        assertEquals("\u0000garbage that is no mail", StandardCharsets.UTF_8.decode(dead.value.getOriginal()).toString());
    }

    @Test
    void anUnreadableRecordIsKeptInDeadLetters() {
        driver.createInputTopic(topics.raw(), serdes.key(), Serdes.ByteArray().serializer())
                .pipeInput("k", new byte[] {1, 2, 3});
        DeadLetter dead = deadLetters.readValue();
        assertNull(dead.getCoordinates());
        assertTrue(dead.getReason().startsWith("unreadable record on mail.raw"), dead.getReason());
        assertEquals(3, dead.getOriginal().remaining());
    }

    @Test
    void twoListsInterleavedGiveOneDigestEach() {
        List<RawMail> kvm = TestMails.range("kvm", "eeee0000", 3);
        List<RawMail> net = TestMails.range("netdev", "ffff0000", 2);
        send(List.of(kvm.get(0), net.get(0), kvm.get(1), net.get(1), kvm.get(2)));
        List<KeyValue<String, Digest>> out = digests.readKeyValuesToList();
        assertEquals(List.of("netdev ffff0000c0..ffff0000c1", "kvm eeee0000c0..eeee0000c2"), out.stream().map(kv -> kv.key).toList());
        assertEquals(List.of(2, 3), out.stream().map(kv -> kv.value.getMessages()).toList());
    }

    @Test
    void theStoresAreEmptyOnceTheDigestIsEmitted() {
        List<RawMail> range = TestMails.range("kvm", "abab0000", 3);
        send(range.subList(0, 2));
        assertEquals(2, count(driver.getKeyValueStore(DigestTopology.MESSAGES_STORE)));
        send(range.subList(2, 3));
        assertEquals(0, count(driver.getKeyValueStore(DigestTopology.MESSAGES_STORE)));
        assertEquals(0, count(driver.getKeyValueStore(DigestTopology.ARRIVED_STORE)));
    }

    @Test
    void aLateDuplicateOfADigestedRangeNeitherReopensItNorEmitsAgain() {
        double before = openRanges();
        List<RawMail> range = TestMails.range("kvm", "cdcd0000", 3);
        send(range);
        assertEquals(1, digests.readValuesToList().size());

        send(range.subList(1, 2)); // a repeat, e.g. the archive ingested again
        send(range);

        assertTrue(digests.isEmpty(), "no second digest");
        assertEquals(0, count(driver.getKeyValueStore(DigestTopology.ARRIVED_STORE)), "the range is not open again");
        assertEquals(0, count(driver.getKeyValueStore(DigestTopology.MESSAGES_STORE)), "nothing of it is kept");
        assertEquals(before, openRanges(), "the open-ranges gauge does not drift");
    }

    @Test
    void aOneMessageRangeRepeatedGivesOneDigest() {
        List<RawMail> range = TestMails.range("kvm", "efef0000", 1);
        send(range);
        send(range);
        assertEquals(List.of("kvm efef0000c0..efef0000c0"), digests.readKeyValuesToList().stream().map(kv -> kv.key).toList());
    }

    @Test
    void aDigestedRangeIsForgottenAfterTheRetention() {
        List<RawMail> range = TestMails.range("kvm", "abcd0000", 1);
        send(range);
        assertEquals(1, count(driver.getKeyValueStore(DigestTopology.COMPLETED_STORE)));

        driver.advanceWallClockTime(RangeAggregator.COMPLETED_RETENTION.plus(RangeAggregator.EXPIRY_INTERVAL).plus(Duration.ofMinutes(1)));

        assertEquals(0, count(driver.getKeyValueStore(DigestTopology.COMPLETED_STORE)), "the store stays bounded");
    }

    @Test
    void theOpenRangesGaugeCountsRangesWaitingForMessages() {
        double before = openRanges();
        send(TestMails.range("kvm", "1111aaaa", 3).subList(0, 1));
        send(TestMails.range("kvm", "2222bbbb", 2).subList(1, 2));
        assertEquals(before + 2, openRanges());
        send(TestMails.range("kvm", "2222bbbb", 2).subList(0, 1));
        assertEquals(before + 1, openRanges());
    }

    private static double openRanges() {
        return dev.maildigest.ops.PipelineMetrics.registry().find(dev.maildigest.ops.PipelineMetrics.RANGES_OPEN).gauge().value();
    }

    private static long count(KeyValueStore<String, ?> store) {
        long n = 0;
        try (KeyValueIterator<String, ?> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }
}
