package dev.maildigest.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.maildigest.avro.Digest;
import dev.maildigest.avro.RawMail;

/** The list stage: whatever order the ranges complete in, a list's digests go out in archive order. */
class ArchiveOrderTest {
    /** The list stage renders the text of the final digest. */
    static final Function<Digest, String> TEXT = d -> "digest of " + d.getList() + " " + d.getFirstShort() + ".." + d.getLastShort();
    @TempDir
    Path stateDir;
    @TempDir
    Path keptState;
    private DigestTopologyDriver topology;

    private void open() {
        if (topology == null) {
            topology = new DigestTopologyDriver(stateDir, keptState, TestMails::parse, TEXT);
        }
        topology.open();
    }

    @AfterEach
    void close() {
        if (topology != null) {
            topology.close();
        }
    }

    private void send(List<RawMail> mails) {
        mails.forEach(topology::send);
    }

    /** Range {@code n} of list kvm: {@code n + 1} messages, numbered n, after range n - 1. */
    private static List<RawMail> kvmRange(int n) {
        return TestMails.range("kvm", "r" + n + "000000", n + 1, n, n - 1);
    }

    private List<String> digestKeys() {
        return topology.digests.readKeyValuesToList().stream().map(kv -> kv.key).toList();
    }

    @Test
    void rangesCompletedOutOfOrderComeOutInArchiveOrder() {
        open();
        send(kvmRange(3));
        send(kvmRange(2));
        assertTrue(topology.digests.isEmpty(), "ranges 2 and 3 wait for range 1");
        assertTrue(topology.texts.isEmpty());

        send(kvmRange(1));
        assertEquals(List.of("kvm r1000000c0..r1000000c1", "kvm r2000000c0..r2000000c2", "kvm r3000000c0..r3000000c3"),
                digestKeys());
        assertEquals(List.of("digest of kvm r1000000..r1000000", "digest of kvm r2000000..r2000000",
                "digest of kvm r3000000..r3000000"), topology.texts.readValuesToList());

        send(kvmRange(5));
        assertTrue(topology.digests.isEmpty(), "range 5 waits for range 4");
        send(kvmRange(4));
        assertEquals(List.of("kvm r4000000c0..r4000000c4", "kvm r5000000c0..r5000000c5"), digestKeys());
    }

    @Test
    void eachListKeepsItsOwnOrder() {
        open();
        send(TestMails.range("arm", "a2000000", 2, 2, 1));
        send(kvmRange(1));
        assertEquals(List.of("kvm r1000000c0..r1000000c1"), digestKeys(), "kvm does not wait for arm");
        send(TestMails.range("arm", "a1000000", 2, 1, 0));
        assertEquals(List.of("arm a1000000c0..a1000000c1", "arm a2000000c0..a2000000c1"), digestKeys());
    }

    @Test
    void aRestartBetweenTwoRangesLosesAndRepeatsNothing() {
        open();
        send(kvmRange(1));
        send(kvmRange(3)); // waits for 2
        List<RawMail> two = kvmRange(2);
        send(two.subList(0, 1)); // half of range 2: the range stage holds it
        assertEquals(List.of("kvm r1000000c0..r1000000c1"), digestKeys());
        topology.close();

        open(); // same state: what the changelogs would restore, or the process kept on disk
        send(two.subList(1, two.size()));
        assertEquals(List.of("kvm r2000000c0..r2000000c2", "kvm r3000000c0..r3000000c3"), digestKeys(),
                "range 3 waited across the restart, range 1 is not repeated");
        send(kvmRange(4));
        assertEquals(List.of("kvm r4000000c0..r4000000c4"), digestKeys());
    }

    @Test
    void aRangeDigestedTwiceGoesOutOnce() {
        open();
        send(kvmRange(1));
        send(kvmRange(3));
        send(kvmRange(3)); // repeated while waiting
        send(kvmRange(2));
        assertEquals(3, digestKeys().size());

        // Past the range stage's memory of digested ranges, a re-ingested range is digested again:
        // the list stage knows it is out already.
        topology.driver.advanceWallClockTime(RangeAggregator.COMPLETED_RETENTION.plus(RangeAggregator.EXPIRY_INTERVAL).plusHours(1));
        send(kvmRange(2));
        send(kvmRange(1));
        assertTrue(topology.digests.isEmpty(), "repeated digests ignored");
        send(kvmRange(4));
        assertEquals(List.of("kvm r4000000c0..r4000000c4"), digestKeys());
    }

    @Test
    void digestsOfUnnumberedRangesAndTheFirstAfterAnUpgradeWaitForNothing() {
        open();
        send(TestMails.range("kvm", "old00000", 2)); // written before ranges were numbered
        send(TestMails.range("kvm", "r7000000", 2, 7, 0)); // first after an upgraded checkpoint
        send(TestMails.range("kvm", "r8000000", 2, 8, 7));
        assertEquals(List.of("kvm old00000c0..old00000c1", "kvm r7000000c0..r7000000c1", "kvm r8000000c0..r8000000c1"),
                digestKeys());
    }

    @Test
    void oneListsDigestsGoToOnePartitionOfBothTopics() {
        DigestTopology.ByList<Object> byList = new DigestTopology.ByList<>();
        List<Integer> partitions = new ArrayList<>();
        for (String key : List.of("kvm r1..r2", "kvm r3..r4", "kvm")) {
            partitions.addAll(byList.partitions("mail.digests.text", key, null, 12).orElseThrow());
        }
        assertEquals(1, partitions.stream().distinct().count(), partitions.toString());
        assertTrue(partitions.get(0) >= 0 && partitions.get(0) < 12);
    }
}
