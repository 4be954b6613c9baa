package dev.maildigest.ops;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.maildigest.ops.PipelineStatus.ArchiveStatus;
import dev.maildigest.ops.PipelineStatus.GroupStatus;
import dev.maildigest.ops.PipelineStatus.LastDigest;
import dev.maildigest.ops.PipelineStatus.PartitionLag;
import dev.maildigest.ops.PipelineStatus.TopicStatus;

/** {@link PipelineStatus} as readable tables for a terminal. */
public final class StatusText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    public static String render(PipelineStatus status) {
        StringBuilder out = new StringBuilder();
        out.append("Pipeline status of ").append(status.bootstrapServers())
                .append(" at ").append(time(status.collectedAt())).append('\n');

        TextTable topics = new TextTable("TOPIC", "PARTITIONS", "RECORDS", "SIZE");
        boolean anyUpperBound = false;
        for (TopicStatus t : status.topics()) {
            topics.row(t.name(), t.partitions(), (t.exact() ? "" : "≤") + number(t.records()),
                    t.sizeBytes() == null ? null : bytes(t.sizeBytes()));
            anyUpperBound |= !t.exact();
        }
        section(out, "Topics", topics);
        if (anyUpperBound) {
            out.append("≤: counted from offsets, which transaction markers also take: an upper bound\n");
        }

        TextTable groups = new TextTable("GROUP", "TYPE", "STATE", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG");
        for (GroupStatus g : status.groups()) {
            for (PartitionLag p : g.partitions()) {
                groups.row(g.group(), g.type(), g.state(), p.topic(), p.partition(),
                        p.committed() == null ? null : number(p.committed()), number(p.end()), number(p.lag()));
            }
            if (g.partitions().isEmpty()) {
                groups.row(g.group(), g.type(), g.state(), null, null, null, null, null);
            }
        }
        section(out, "Consumer groups (lag in offsets up to the last stable offset, as kafka-consumer-groups counts)", groups);
        status.groups().forEach(g -> out.append("total lag ").append(g.group()).append(": ").append(number(g.lag())).append('\n'));

        TextTable archives = new TextTable("ARCHIVE", "SOURCE", "EPOCH", "LAST COMMIT", "COMMITTED AT", "CHECKPOINT AT",
                "COMMITS", "PUBLISHED", "RANGES", "REWRITES", "BEHIND");
        for (ArchiveStatus a : status.archives()) {
            archives.row(a.list(), a.archive(), a.epoch(), shortCommit(a.commit()),
                    time(a.committedAt()), time(a.updatedAt()), number(a.ordinal()), number(a.published()),
                    number(a.ranges()), a.rewrites(), a.commitsBehind() == null ? null : number(a.commitsBehind()));
        }
        section(out, "Archives (last checkpoint)", archives);

        out.append("\nLast digest\n");
        LastDigest d = status.lastDigest();
        if (d == null) {
            out.append("(none yet)\n");
        } else {
            out.append(d.title()).append('\n')
                    .append("key=").append(d.key()).append(" at=").append(time(d.timestamp()))
                    .append(" topic=").append(d.topic()).append(" partition=").append(d.partition())
                    .append(" offset=").append(d.offset()).append('\n');
        }
        if (!status.notes().isEmpty()) {
            out.append("\nNotes\n");
            status.notes().forEach(n -> out.append("- ").append(n).append('\n'));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, TextTable table) {
        out.append('\n').append(title).append('\n');
        out.append(table.isEmpty() ? "(none)\n" : table.render());
    }

    private static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }

    private static String shortCommit(String commit) {
        return commit != null && commit.length() == 40 ? commit.substring(0, 12) : commit;
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
