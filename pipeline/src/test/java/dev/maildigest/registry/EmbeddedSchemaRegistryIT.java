package dev.maildigest.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.embedded.EmbeddedKafka;

/** The registry on the real broker: its own writes are read back at once, and registries sharing a topic agree. */
class EmbeddedSchemaRegistryIT {

    @TempDir
    static Path dataDir;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(dataDir, 0);
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void aWriteIsReadBackByTheNextRead() {
        try (KafkaSchemaLog schemaLog = KafkaSchemaLog.open(kafka.bootstrapServers(), "_schemas-log")) {
            schemaLog.claimWriter();
            assertEquals(List.of(), schemaLog.readNew());
            for (int i = 0; i < 20; i++) {
                SchemaLog.Entry entry = SchemaLogRecords.config("s" + i, CompatibilityLevel.FULL);
                schemaLog.append(List.of(entry));
                assertEquals(List.of(entry), schemaLog.readNew(), "write " + i + " (its commit markers may still be on their way)");
            }
        }
    }

    @Test
    void everyAnswerSeesTheWritesBeforeIt() {
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "_schemas-burst", 0)) {
            for (int i = 1; i <= 8; i++) {
                var fields = SchemaBuilder.record("Burst").namespace("test").fields().requiredInt("n");
                for (int f = 1; f < i; f++) {
                    fields = fields.optionalInt("f" + f); // each version adds a field with a default
                }
                Schema schema = fields.endRecord();
                assertEquals(i, new RestSchemaRegistry(registry.url(), null).register("burst-value", schema), "ids follow each other");
                assertEquals(schema, new RestSchemaRegistry(registry.url(), null).byId(i), "readable right after");
                assertEquals(i, new RestSchemaRegistry(registry.url(), null).latest("burst-value").version());
            }
        }
    }

    @Test
    void concurrentRegistriesHandOutDistinctIdsAndAgree() throws Exception {
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "_schemas-shared", 0);
                EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "_schemas-shared", 0)) {
            List<RestSchemaRegistry> clients = List.of(new RestSchemaRegistry(first.url(), null), new RestSchemaRegistry(second.url(), null));
            Map<Integer, Schema> registered = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                RestSchemaRegistry client = clients.get(c);
                String side = "side" + c;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        Schema schema = SchemaBuilder.record("R" + i).namespace("test." + side).fields().requiredInt("n").endRecord();
                        Schema previous = registered.put(client.register(side + "-" + i + "-value", schema), schema);
                        assertEquals(null, previous, "an id handed out twice");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();

            assertEquals(8, registered.size());
            Set<Integer> ids = new HashSet<>(registered.keySet());
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8), ids);
            for (RestSchemaRegistry fresh : List.of(new RestSchemaRegistry(first.url(), null), new RestSchemaRegistry(second.url(), null))) {
                registered.forEach((id, schema) -> assertEquals(schema, fresh.byId(id), "both registries agree on id " + id));
            }
            Schema fromFirst = registered.get(1);
            assertEquals(1, new RestSchemaRegistry(second.url(), null).register("elsewhere-value", fromFirst), "same schema, same id");
        }
    }
}
