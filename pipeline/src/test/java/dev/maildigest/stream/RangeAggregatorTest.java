package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.maildigest.avro.RangeSummary;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.digest.DigestBuilder;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.InMemorySchemaRegistry;

/** When the collector asks Streams to commit: at once for a follower's digest, not after every digest of a backfill. */
class RangeAggregatorTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final MockProcessorContext<String, RangeSummary> context = new MockProcessorContext<>();
    private final RecordSerdes serdes = RecordSerdes.using(new InMemorySchemaRegistry());
    private final RangeAggregator aggregator = new RangeAggregator(RangeSummaries.of(new DigestBuilder(d -> "")::build),
            bytes -> serdes.parsedMail().deserialize("test", bytes), clock::get);

    @BeforeEach
    void init() {
        store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DigestTopology.MESSAGES_STORE),
                Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build());
        store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DigestTopology.ARRIVED_STORE),
                Serdes.String(), Serdes.Integer()).withLoggingDisabled().build());
        store(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(DigestTopology.COMPLETED_STORE),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
        context.setCurrentSystemTimeMs(1_780_000_000_000L); // the digested ranges are remembered with it
        aggregator.init(context);
    }

    private void store(KeyValueStore<String, ?> store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    void aDigestAfterAQuietSpellIsCommittedAtOnce() {
        complete("a");
        assertEquals(1, context.forwarded().size());
        assertTrue(context.committed(), "the first digest is committed at once");

        context.resetCommit();
        clock.addAndGet(RangeAggregator.COMMIT_GAP_NANOS);
        complete("b");
        assertTrue(context.committed(), "a digest one gap later is committed at once too");
    }

    @Test
    void digestsInQuickSuccessionWaitForTheCommitInterval() {
        complete("a");
        context.resetCommit();
        clock.addAndGet(RangeAggregator.COMMIT_GAP_NANOS - 1);
        complete("b");
        complete("c");
        assertEquals(3, context.forwarded().size(), "every digest is still emitted");
        assertFalse(context.committed(), "but not each one committed on its own");
    }

    /** Feeds the one message of a range of size 1, which completes it. */
    private void complete(String prefix) {
        ParsedMail mail = TestMails.parse(TestMails.range("widgets", prefix, 1).get(0));
        byte[] encoded = RangeMail.serde(serdes).serializer().serialize("test", RangeMail.of(mail));
        aggregator.process(new Record<>(RangeKeys.range(mail.getCoordinates()),
                RangeMail.serde(serdes).deserializer().deserialize("test", encoded), 0L));
    }
}
