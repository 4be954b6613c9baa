package dev.maildigest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.config.Topics;
import dev.maildigest.config.UserError;
import dev.maildigest.process.InstanceId;

class WorkerIdsTest {
    @TempDir
    Path dataDir;

    @Test
    void aWorkersIdIsTheFoldersInstanceAndItsIndexUnderThePrefix() {
        WorkerIds ids = WorkerIds.of(dataDir, 2);
        String instance = InstanceId.of(dataDir);
        assertEquals("p." + instance + "-ingest-1", ids.transactionalId(Topics.of("p."), 1));
        assertEquals(ids.transactionalId(Topics.of(""), 0), WorkerIds.of(dataDir, 2).transactionalId(Topics.of(""), 0),
                "a restart on the same folder has the same ids");
    }

    @Test
    void fewerWorkersThanBeforeStillFenceTheOthers() {
        WorkerIds.of(dataDir, 4);
        WorkerIds fewer = WorkerIds.of(dataDir, 2);
        assertEquals(2, fewer.workers());
        assertEquals(4, fewer.retired(), "ids 2 and 3 of the earlier run are fenced at start");
        assertEquals(4, WorkerIds.of(dataDir, 3).retired(), "the most ever used is kept");
    }

    @Test
    void theNumberOfWorkersIsBounded() {
        assertThrows(UserError.class, () -> WorkerIds.of(dataDir, 0));
        assertThrows(UserError.class, () -> WorkerIds.of(dataDir, WorkerIds.MAX_WORKERS + 1));
    }
}
