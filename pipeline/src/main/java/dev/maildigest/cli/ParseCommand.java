package dev.maildigest.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.config.UserError;
import dev.maildigest.ingest.ArchiveEntry;
import dev.maildigest.ingest.ArchiveReader;
import dev.maildigest.ingest.ArchiveReaders;
import dev.maildigest.ingest.ArchiveSpec;
import dev.maildigest.ingest.IngestOptions;
import dev.maildigest.parse.MailParser;
import dev.maildigest.parse.ParsedMailJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "parse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Parses mail as the digest stage does and prints what it read of each message:",
            "kind, author, subject tags, trailers, diff totals, problems. Needs no Kafka.",
            "",
            "SOURCE is a file holding one message, or any archive `ingest` reads: an mbox",
            "file (gzip or not), a public-inbox folder or epoch repository, a Maildir, or",
            "an http(s) public-inbox URL (mirrored into --cache-dir).",
            "",
            "Example:",
            "  pipeline parse --jsonl /srv/inbox/kvm/git/0.git | jq -r .kind | sort | uniq -c",
            ""})
final class ParseCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ParseCommand.class);

    @Parameters(paramLabel = "SOURCE", description = "A message file or an archive (see above).")
    String source;

    @Option(names = "--jsonl", description = "One JSON object per message (default: one tab-separated line: commit, kind, author, subject).")
    boolean jsonl;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = "data/mirrors",
            description = "Where a remote archive is mirrored (default: ${DEFAULT-VALUE}).")
    Path cacheDir;

    @Spec
    CommandSpec spec;

    private final MailParser parser = new MailParser();
    private final Map<MailKind, Integer> kinds = new EnumMap<>(MailKind.class);
    private int failures;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        ArchiveSpec spec = ArchiveSpec.of(source, null, null);
        Path file = spec.remote() ? null : Path.of(source);
        if (file != null && Files.isRegularFile(file) && isSingleMessage(file)) {
            byte[] message = Files.readAllBytes(file);
            print(parser.parse(raw(spec, ArchiveEntry.paddedOrdinal(1), 1, 0, range(ArchiveEntry.paddedOrdinal(1), ArchiveEntry.paddedOrdinal(1), 1),
                    message, null)), out);
        } else {
            parseArchive(spec, out);
        }
        out.flush();
        int messages = kinds.values().stream().mapToInt(Integer::intValue).sum();
        log.info("parsed source={} messages={} kinds={} failures={} seconds={}", source, messages, kinds, failures,
                String.format("%.1f", (System.nanoTime() - start) / 1e9));
        return 0;
    }

    private void parseArchive(ArchiveSpec spec, Writer out) throws IOException {
        IngestOptions options = IngestOptions.defaults(cacheDir);
        try (ArchiveReader reader = ArchiveReaders.open(spec, options)) {
            List<ArchiveEntry> entries = reader.pending(null).entries().stream().filter(e -> !e.deletion()).toList();
            if (entries.isEmpty()) {
                throw new UserError("no messages in " + source);
            }
            CommitRange range = range(entries.get(0).commit(), entries.get(entries.size() - 1).commit(), entries.size());
            for (int i = 0; i < entries.size(); i++) {
                ArchiveEntry entry = entries.get(i);
                ArchiveEntry.LoadedMessage loaded = entry.content().load(options.maxMessageBytes());
                print(parser.parse(raw(spec, entry.commit(), entry.ordinal(), i, range, loaded.bytes(), loaded.rejected())), out);
            }
        }
    }

    /** A file that is not an mbox: no "From " line first, no gzip magic. */
    private static boolean isSingleMessage(Path file) throws IOException {
        byte[] head = new byte[5];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        boolean gzip = n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
        boolean mbox = n == 5 && new String(head, StandardCharsets.US_ASCII).equals("From ");
        return !gzip && !mbox;
    }

    private static CommitRange range(String first, String last, int size) {
        return new CommitRange(first, last, size, size, 0L, 0L);
    }

    private static RawMail raw(ArchiveSpec spec, String commit, long ordinal, int index, CommitRange range, byte[] message, String rejected) {
        Coordinates coordinates = Coordinates.newBuilder()
                .setList(spec.name()).setArchive(spec.source()).setEpoch(0)
                .setCommit(commit).setOrdinal(ordinal).setRange(range).setIndex(index)
                .build();
        return RawMail.newBuilder()
                .setCoordinates(coordinates)
                .setListName(spec.listName())
                .setArchiveUrl(spec.archiveUrl())
                .setSize(message == null ? 0 : message.length)
                .setMessage(message == null ? null : ByteBuffer.wrap(message))
                .setRejected(message == null ? (rejected != null ? rejected : "unreadable message") : null)
                .build();
    }

    private void print(ParsedMail mail, Writer out) throws IOException {
        kinds.merge(mail.getKind(), 1, Integer::sum);
        failures += mail.getFailure() == null ? 0 : 1;
        if (jsonl) {
            ParsedMailJson.write(mail, out);
        } else {
            String commit = mail.getCoordinates().getCommit();
            out.write(commit.length() > 12 ? commit.substring(0, 12) : commit);
            out.write('\t');
            out.write(mail.getKind().name());
            out.write('\t');
            out.write(mail.getAuthor() == null ? "-" : mail.getAuthor().getEmail());
            out.write('\t');
            out.write(mail.getFailure() != null ? "FAILED: " + mail.getFailure() : mail.getSubject().replace('\t', ' '));
        }
        out.write('\n');
    }
}
