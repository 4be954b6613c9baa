package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

import dev.maildigest.avro.DeadLetter;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.Topics;
import dev.maildigest.digest.DigestBuilder;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.InMemorySchemaRegistry;

class DigestTopologyTest {
    private final Topics topics = Topics.of("");
    private final RecordSerdes serdes = RecordSerdes.using(new InMemorySchemaRegistry());
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawMail> raw;
    private TestOutputTopic<String, Digest> digests;
    private TestOutputTopic<String, String> texts;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        Function<RawMail, ParsedMail> parser = TestMails::parse;
        DigestBuilder builder = new DigestBuilder(d -> "digest of " + d.getList() + " " + d.getFirstShort() + ".." + d.getLastShort());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(DigestTopology.build(topics, serdes, parser, builder::build), props);
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
