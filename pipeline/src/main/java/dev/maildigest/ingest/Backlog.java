package dev.maildigest.ingest;

import java.util.List;

/**
 * What a reader found after the checkpoint.
 *
 * @param entries   new commits, oldest first
 * @param rewritten the checkpoint's commit is no longer in the archive's history
 * @param anchor    after a rewrite: the entry of the new history the checkpoint corresponds to
 *                  (null when nothing before the new commits could be matched)
 */
public record Backlog(List<ArchiveEntry> entries, boolean rewritten, ArchiveEntry anchor) {

    public static Backlog of(List<ArchiveEntry> entries) {
        return new Backlog(entries, false, null);
    }
}
