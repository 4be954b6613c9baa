package dev.maildigest.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.maildigest.config.UserError;
import dev.maildigest.ingest.ArchiveReaders;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.ArchivesFile;
import dev.maildigest.ingest.IngestOptions;
import dev.maildigest.ingest.ServerManifest;
import dev.maildigest.ingest.StartingPoint;
import dev.maildigest.ingest.WorkerIds;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which archives to follow and how: shared by {@code ingest}, {@code run} and {@code bench}. */
final class ArchiveOptions {
    /** The kinds of ARCHIVE, for the commands' help. */
    static final String KINDS = "An ARCHIVE is one of:%n"
            + "  https://lore.kernel.org/kvm    public-inbox over HTTP(S): all epochs,%n"
            + "                                 mirrored into --cache-dir%n"
            + "  https://lore.kernel.org/kvm/0  one epoch of it%n"
            + "  https://lore.kernel.org/       a public-inbox server root: every inbox its%n"
            + "                                 manifest lists (see --inbox-filter)%n"
            + "  /srv/inbox/kvm                 public-inbox v2 folder (git/0.git...)%n"
            + "  /srv/inbox/kvm/git/0.git       one epoch repository, or a v1 inbox%n"
            + "  kvm.mbox, kvm.mbox.gz          mbox file (mboxo/mboxrd, gzip or not)%n"
            + "  ~/Maildir/kvm                  Maildir folder (new/ and cur/)";

    @Parameters(paramLabel = "ARCHIVE", arity = "0..*", description = "Archives to ingest: URL, folder or file (see above).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--archives", paramLabel = "FILE",
            description = {"Archives listed in a properties file, keys per archive:",
                "  kvm.source = https://lore.kernel.org/kvm",
                "  kvm.list-name = KVM  (optional display name)",
                "  kvm.url = https://... (optional web address)"})
    Path archivesFile;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Short list name of the single ARCHIVE: keys its checkpoint and every record"
                    + " (default: from the source, e.g. kvm for https://lore.kernel.org/kvm).")
    String name;

    @Option(names = "--list-name", paramLabel = "NAME",
            description = "Display name of the single ARCHIVE in digest titles, e.g. KVM (default: from List-Id).")
    String listName;

    @Option(names = "--max-range", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_RANGE,
            description = "Most commits in one range, i.e. one digest (default: ${DEFAULT-VALUE}, about a day of a busy list).")
    int maxRange;

    @Option(names = "--max-message-bytes", paramLabel = "N", defaultValue = "" + IngestOptions.DEFAULT_MAX_MESSAGE_BYTES,
            description = "Larger messages are published without their bytes and sent to mail.dead-letters (default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--follow", description = "Keep polling the archives for new commits until stopped (Ctrl-C).")
    boolean follow;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Time between polls with --follow, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where remote archives are mirrored, one folder per archive name (default: <data-dir>/mirrors).")
    Path cacheDir;

    @Option(names = "--since", paramLabel = "DURATION|DATE",
            description = {"Start a new archive (one without a checkpoint) with its mail since then: 7d, 12h, 2w or",
                "2026-11-01 (UTC). Older mail is not fetched, published or counted. Ignored once the",
                "archive has a checkpoint. Default: the whole archive."})
    String since;

    @Option(names = "--last", paramLabel = "N",
            description = {"Start a new archive with its last N commits (e.g. 500), as --since does.",
                "Default: the whole archive."})
    Integer last;

    @Option(names = "--inbox-filter", paramLabel = "REGEX",
            description = {"With a server root ARCHIVE (https://host/): follow only the inboxes whose name",
                "this regular expression finds, e.g. '^(kvm|kvmarm)$' (default: every inbox)."})
    String inboxFilter;

    @Option(names = "--ingest-workers", paramLabel = "N", defaultValue = "" + WorkerIds.DEFAULT_WORKERS,
            description = {"Ingest workers, each with one transactional producer, sharing all the archives:",
                "memory and threads do not grow with the number of archives (default: ${DEFAULT-VALUE})."})
    int ingestWorkers;

    IngestOptions options(Path dataDir) {
        return new IngestOptions(maxRange, maxMessageBytes, cacheDir != null ? cacheDir : dataDir.resolve("mirrors"), start(),
                ingestWorkers);
    }

    private java.util.regex.Pattern inboxFilter() {
        if (inboxFilter == null) {
            return null;
        }
        try {
            return java.util.regex.Pattern.compile(inboxFilter);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new UserError("--inbox-filter is not a regular expression: " + e.getDescription());
        }
    }

    /** Where archives without a checkpoint start, or null for their first commit. */
    private StartingPoint start() {
        if (since != null && last != null) {
            throw new UserError("--since and --last both say where to start: give one");
        }
        if (last != null) {
            return StartingPoint.last(last);
        }
        return since != null ? StartingPoint.parseSince(since, Instant.now()) : null;
    }

    List<ArchiveSpec> archives() {
        List<ArchiveSpec> archives = new ArrayList<>();
        if (archivesFile != null) {
            for (ArchiveSpec spec : ArchivesFile.read(archivesFile)) {
                if (ServerManifest.isServerRoot(spec.source())) {
                    archives.addAll(ServerManifest.inboxes(spec.source(), inboxFilter()));
                } else {
                    archives.add(spec);
                }
            }
        }
        if ((name != null || listName != null) && sources.size() != 1) {
            throw new UserError("--name and --list-name apply to a single ARCHIVE; use --archives FILE for several");
        }
        for (String source : sources) {
            if (ServerManifest.isServerRoot(source)) {
                archives.addAll(ServerManifest.inboxes(source, inboxFilter())); // the server says which inboxes it has, now
            } else {
                archives.add(ArchiveSpec.of(source, name, listName));
            }
        }
        for (ArchiveSpec spec : archives) {
            // Before any broker starts: a typo in a path is the most common mistake.
            ArchiveReaders.check(spec);
        }
        if (archives.isEmpty()) {
            throw new UserError("no archive to ingest: give a URL, folder or file, or --archives FILE (see --help)");
        }
        start(); // a bad --since or --last, too, before any broker starts
        return archives;
    }
}
