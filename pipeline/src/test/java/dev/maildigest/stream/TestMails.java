package dev.maildigest.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.parse.MailParser;

/** Raw mails of made-up ranges: alice writes the even messages, bob the odd ones. */
final class TestMails {
    private TestMails() {
    }

    static List<RawMail> range(String list, String firstCommitPrefix, int size) {
        return range(list, firstCommitPrefix, size, 0, 0);
    }

    /** A range the ingester numbered {@code sequence}, published after range {@code follows}. */
    static List<RawMail> range(String list, String firstCommitPrefix, int size, long sequence, long follows) {
        String first = firstCommitPrefix + "c0";
        String last = firstCommitPrefix + "c" + (size - 1);
        List<RawMail> mails = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String from = i % 2 == 0 ? "Alice Example <Alice@Example.org>" : "Bob Sample <bob@example.com>";
            String mail = "From: " + from + "\n"
                    + "Subject: [PATCH " + (i + 1) + "/" + size + "] " + list + ": tidy part " + i + "\n"
                    + "Message-ID: <" + list + i + "@example.org>\n"
                    + "\n"
                    + "Tidy part " + i + ".\n";
            mails.add(RawMail.newBuilder()
                    .setCoordinates(Coordinates.newBuilder()
                            .setList(list).setArchive("/archives/" + list).setEpoch(0)
                            .setCommit(firstCommitPrefix + "c" + i).setOrdinal(i + 1)
                            .setRange(new CommitRange(first, last, size, size, sequence, follows)).setIndex(i)
                            .build())
                    .setSize(mail.length())
                    .setMessage(ByteBuffer.wrap(mail.getBytes(StandardCharsets.UTF_8)))
                    .build());
        }
        return mails;
    }

    static RawMail withBody(RawMail mail, String bytes) {
        RawMail copy = RawMail.newBuilder(mail).build();
        copy.setMessage(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8)));
        return copy;
    }

    private static final MailParser PARSER = new MailParser();

    static ParsedMail parse(RawMail raw) {
        return PARSER.parse(raw);
    }
}
