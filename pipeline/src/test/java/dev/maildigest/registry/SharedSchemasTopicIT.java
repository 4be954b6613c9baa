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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.embedded.EmbeddedKafka;

/** Two registries on one _schemas topic, registering at the same time, never share an id. */
class SharedSchemasTopicIT {

    @TempDir
    Path dataDir;

    @Test
    void concurrentRegistriesHandOutDistinctIdsAndAgree() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
                EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "_schemas", 0);
                EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(kafka.bootstrapServers(), "_schemas", 0)) {
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
