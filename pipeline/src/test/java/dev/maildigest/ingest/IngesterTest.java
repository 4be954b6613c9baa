package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;

import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import dev.maildigest.config.UserError;
import dev.maildigest.registry.SchemaRegistryException;

class IngesterTest {

    @Test
    void retriesWaitLongerEachTimeUpToTenMinutes() {
        Duration minute = Duration.ofMinutes(1);
        assertEquals(Duration.ofSeconds(5), Ingester.retryDelay(1, minute));
        assertEquals(Duration.ofSeconds(10), Ingester.retryDelay(2, minute));
        assertEquals(Duration.ofSeconds(40), Ingester.retryDelay(4, minute));
        assertEquals(Duration.ofMinutes(10), Ingester.retryDelay(30, minute));
        assertEquals(Duration.ofHours(1), Ingester.retryDelay(30, Duration.ofHours(1)), "never more often than polls");
    }

    @Test
    void networkBrokerAndRegistryTroubleIsRetriedMistakesAreNot() {
        assertTrue(Ingester.transientFailure(new ArchiveUnavailableException("cannot fetch", null)));
        assertTrue(Ingester.transientFailure(new IOException("disk hiccup")));
        assertTrue(Ingester.transientFailure(new TimeoutException("broker away")));
        assertTrue(Ingester.transientFailure(new SchemaRegistryException("unreachable", -1, -1)));
        assertTrue(Ingester.transientFailure(new SchemaRegistryException("server error", 503, 50301)));
        assertFalse(Ingester.transientFailure(new SchemaRegistryException("incompatible", 409, 409)));
        assertFalse(Ingester.transientFailure(new ProducerFencedException("another ingester")));
        assertFalse(Ingester.transientFailure(new UserError("archive not found: /nowhere")));
    }
}
