package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Digest;

/** The serve stores as the topology fills them: a list's digests by date, pages, neighbours, totals. */
class ServeStoresTest {

    @Test
    void indexPagesWalkAllDigestsNewestFirstWithoutRepeats() {
        try (ServeFixtures f = new ServeFixtures()) {
            // Published out of date order, as digests of different ranges can be.
            for (int n = 119; n >= 0; n -= 2) {
                f.publish(ServeFixtures.nth("gears", n));
            }
            for (int n = 0; n < 120; n += 2) {
                f.publish(ServeFixtures.nth("gears", n));
            }
            f.publish(ServeFixtures.nth("cogs", 1));
            ServeStores stores = f.stores();

            List<DigestSummary> first = stores.newest("gears", null, 50);
            assertEquals(50, first.size());
            assertEquals(ServeFixtures.nth("gears", 119).getFirstShort(), first.get(0).firstShort(), "newest first");
            List<DigestSummary> second = stores.newest("gears", first.get(49).indexKey(), 50);
            List<DigestSummary> third = stores.newest("gears", second.get(49).indexKey(), 50);
            assertEquals(50, second.size());
            assertEquals(20, third.size(), "120 digests: 50 + 50 + 20, the other list's not among them");
            assertEquals(ServeFixtures.nth("gears", 69).getFirstShort(), second.get(0).firstShort());
            assertEquals(ServeFixtures.nth("gears", 0).getFirstShort(), third.get(19).firstShort(), "the oldest last");
        }
    }

    @Test
    void aDigestKnowsItsOlderAndNewerNeighbours() {
        try (ServeFixtures f = new ServeFixtures()) {
            for (int n = 0; n < 3; n++) {
                f.publish(ServeFixtures.nth("gears", n));
            }
            ServeStores stores = f.stores();
            Digest middle = ServeFixtures.nth("gears", 1);
            String key = stores.indexKey("gears", middle.getFirstShort(), middle.getLastShort());
            assertEquals(middle, stores.digest(key));
            assertEquals(ServeFixtures.nth("gears", 0).getFirstShort(), stores.older("gears", key).firstShort());
            assertEquals(ServeFixtures.nth("gears", 2).getFirstShort(), stores.newer("gears", key).firstShort());
            String newest = stores.indexKey("gears", ServeFixtures.nth("gears", 2).getFirstShort(), ServeFixtures.nth("gears", 2).getLastShort());
            assertNull(stores.newer("gears", newest));
        }
    }

    @Test
    void listTotalsCountADigestDeliveredTwiceOnce() {
        try (ServeFixtures f = new ServeFixtures()) {
            f.publish(ServeFixtures.nth("gears", 0));
            f.publish(ServeFixtures.nth("gears", 1));
            f.publish(ServeFixtures.nth("gears", 1)); // a replayed topic
            f.publish(ServeFixtures.nth("cogs", 5));
            ServeStores stores = f.stores();
            ListSummary gears = stores.list("gears");
            assertEquals(2, gears.digests());
            assertEquals(6, gears.messages());
            assertEquals(2, gears.patches());
            Digest newest = ServeFixtures.nth("gears", 1);
            assertEquals(newest.getDateTo().toEpochMilli(), gears.lastDate());
            assertEquals(newest.getFirstShort() + ".." + newest.getLastShort(), gears.lastRange());
            assertEquals(2, stores.newest("gears", null, 10).size());
            assertEquals(List.of("cogs", "gears"), stores.allLists().stream().map(ListSummary::list).toList());
        }
    }
}
