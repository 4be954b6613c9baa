package dev.maildigest.stream;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Function;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.PipelineConfig;
import dev.maildigest.config.Topics;
import dev.maildigest.digest.DigestBuilder;
import dev.maildigest.registry.RecordSerdes;
import dev.maildigest.testing.InMemorySchemaRegistry;

/**
 * {@link DigestTopology} on a {@link TopologyTestDriver} with the production Streams settings
 * (exactly once, caches), reopened on the same state folder to play a restart: what the changelogs
 * would restore, or the process kept on disk.
 */
final class DigestTopologyDriver implements AutoCloseable {
    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private final Topics topics = Topics.of("");
    private final RecordSerdes serdes = RecordSerdes.using(new InMemorySchemaRegistry());
    private final Path stateDir;
    private final Path keptState;
    private final Function<RawMail, ParsedMail> parser;
    private final Function<Digest, String> text;
    TopologyTestDriver driver;
    TestInputTopic<String, RawMail> raw;
    TestOutputTopic<String, Digest> digests;
    TestOutputTopic<String, String> texts;

    /** @param keptState where the task folders are kept across a reopen (see {@link KeptTaskFolders}) */
    DigestTopologyDriver(Path stateDir, Path keptState, Function<RawMail, ParsedMail> parser, Function<Digest, String> text) {
        this.stateDir = stateDir;
        this.keptState = keptState;
        this.parser = parser;
        this.text = text;
    }

    /** Opens the topology, or reopens it after {@link #close} on the same state. */
    DigestTopologyDriver open() {
        KeptTaskFolders.link(stateDir, keptState);
        Properties props = new PipelineConfig("unused:9092", "http://unused", new Properties(), topics).streams("test", stateDir);
        driver = new TopologyTestDriver(DigestTopology.build(topics, serdes, parser, new DigestBuilder(d -> "")::build, text),
                props, START);
        raw = driver.createInputTopic(topics.raw(), serdes.key(), serdes.rawMail());
        digests = driver.createOutputTopic(topics.digests(), serdes.key(), serdes.digest());
        texts = driver.createOutputTopic(topics.digestsText(), Serdes.String().deserializer(), Serdes.String().deserializer());
        return this;
    }

    /** Sends a raw mail keyed as the ingester keys it. */
    void send(RawMail mail) {
        raw.pipeInput(mail.getCoordinates().getList() + ":" + mail.getCoordinates().getCommit(), mail);
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
            driver = null;
        }
    }
}
