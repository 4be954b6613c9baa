package dev.maildigest.stream;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** How far a consumer group is behind the committed end of some topics. */
public final class GroupLag {
    private GroupLag() {
    }

    /**
     * Records committed to {@code topics} that {@code group} has not yet committed as consumed.
     * Ends are read at read_committed isolation, so open transactions are not counted.
     */
    public static long of(Admin admin, String group, Collection<String> topics) throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = partitions(admin, topics);
        // The group's offsets first, the ends after: a record that a commit of the group put on one
        // of the topics (the next stage's input) is then always in the ends read, so 0 means the
        // whole chain is through; read the other way round, a stage's commit between the two reads
        // hid the record it had just passed on, and a run could stop before its last digest.
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, ListOffsetsResultInfo> starts = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()))).all().get();
        long lag = 0;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            long position = c != null ? c.offset() : starts.get(p).offset();
            lag += Math.max(0, ends.get(p).offset() - position);
        }
        return lag;
    }

    /**
     * Records of {@code topics} in transactions not yet complete: on each partition, the high
     * watermark less the last stable offset. A transaction's end is marked on each of its partitions
     * by the coordinator, the consumer offsets' partition included, one after another: for a moment
     * a stage's offsets can show its input consumed while its output is not yet readable at
     * read_committed, and {@link #of} says 0 for both. Waiting for this to be 0 too closes that gap.
     */
    public static long inOpenTransactions(Admin admin, Collection<String> topics) throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = partitions(admin, topics);
        Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
        Map<TopicPartition, ListOffsetsResultInfo> high = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())),
                new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
        long open = 0;
        for (TopicPartition p : partitions) {
            open += Math.max(0, high.get(p).offset() - stable.get(p).offset());
        }
        return open;
    }

    private static Set<TopicPartition> partitions(Admin admin, Collection<String> topics) throws ExecutionException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
    }
}
