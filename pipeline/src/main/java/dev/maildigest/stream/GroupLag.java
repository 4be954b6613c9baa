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
        Set<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
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
}
