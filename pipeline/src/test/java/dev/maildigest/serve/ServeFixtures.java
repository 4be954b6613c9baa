package dev.maildigest.serve;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Contributor;
import dev.maildigest.avro.Digest;
import dev.maildigest.avro.DomainCount;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.PatchEntry;
import dev.maildigest.avro.Series;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.ThreadActivity;
import dev.maildigest.config.Topics;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.InMemorySchemaRegistry;

/** Digests of invented lists, and the serve topology in a test driver. */
final class ServeFixtures implements AutoCloseable {
    static final Instant DAY_ONE = Instant.parse("2026-03-01T08:00:00Z");

    final TopologyTestDriver driver;
    final TestInputTopic<String, Digest> digests;

    ServeFixtures() {
        RecordSerdes serdes = RecordSerdes.using(new InMemorySchemaRegistry());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serve-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ServeTopology.build(Topics.of(""), serdes), props);
        digests = driver.createInputTopic("mail.digests", serdes.key().serializer(), serdes.digest().serializer());
    }

    /** The stores as the pages read them. */
    ServeStores stores() {
        return new ServeStores(driver.getKeyValueStore(ServeTopology.DIGESTS_STORE), driver.getKeyValueStore(ServeTopology.INDEX_STORE),
                driver.getKeyValueStore(ServeTopology.RANGES_STORE), driver.getKeyValueStore(ServeTopology.LISTS_STORE));
    }

    /** Publishes {@code digest} as the stream stage does: keyed {@code <list> <first>..<last>}. */
    void publish(Digest digest) {
        digests.pipeInput(digest.getList() + " " + digest.getRange().getFirst() + ".." + digest.getRange().getLast(), digest);
    }

    /** The n-th digest of a list: ranges and dates grow with n, one hour apart, 3 messages and 1 patch each. */
    static Digest nth(String list, int n) {
        String first = String.format("%08x", 0x10000000 + n * 2) + "0".repeat(32);
        String last = String.format("%08x", 0x10000000 + n * 2 + 1) + "f".repeat(32);
        Instant to = DAY_ONE.plusSeconds(3600L * n);
        return digest(list, first, last, to.minusSeconds(1800), to, "cogs: tune gear " + n, address("Ada Lindqvist", "ada@lindqvist.example"),
                "gear-" + n + "@lindqvist.example");
    }

    static Digest digest(String list, String first, String last, Instant from, Instant to, String subject, Address author, String messageId) {
        PatchEntry patch = PatchEntry.newBuilder().setKind(MailKind.PATCH).setSubject("[PATCH] " + subject)
                .setCleanSubject(subject).setAuthor(author).setMessageId(messageId).setCommit(last)
                .setTags(SubjectTags.newBuilder().setPatch(true).build()).setIsNew(true)
                .setCommitMessage("Why: " + subject + "\n\nSigned-off-by: " + author.getEmail() + "\n").build();
        String domain = author.getEmail().substring(author.getEmail().indexOf('@') + 1);
        return Digest.newBuilder()
                .setList(list).setListName(list.toUpperCase(java.util.Locale.ROOT)).setArchive("https://lists.example.org/" + list + "/0")
                .setArchiveUrl("https://lists.example.org/" + list)
                .setRange(CommitRange.newBuilder().setFirst(first).setLast(last).setSize(3).setCommits(3).build())
                .setFirstShort(first.substring(0, 8)).setLastShort(last.substring(0, 8))
                .setMessages(3).setDateFrom(from).setDateTo(to)
                .setTopDomains(List.of(new DomainCount(domain, 3)))
                .setTopContributors(List.of(new Contributor(author, 3)))
                .setSeries(List.of(Series.newBuilder().setSubject(subject).setAuthor(author).setTotal(1).setPresent(1)
                        .setMessageId(messageId).build()))
                .setPatches(List.of(patch))
                .setThreads(List.of(new ThreadActivity(subject, messageId, 2)))
                .setText("text of " + subject + "\n")
                .build();
    }

    static Address address(String name, String email) {
        return Address.newBuilder().setName(name).setEmail(email).build();
    }

    @Override
    public void close() {
        driver.close();
    }
}
