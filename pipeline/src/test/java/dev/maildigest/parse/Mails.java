package dev.maildigest.parse;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.maildigest.avro.CommitRange;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.Trailer;

/** Helpers for parser tests: hand-written mails in, parsed records out. */
final class Mails {
    static final MailParser PARSER = new MailParser();

    private Mails() {
    }

    static Coordinates coordinates() {
        return Coordinates.newBuilder()
                .setList("kvm").setArchive("/archives/kvm").setEpoch(0)
                .setCommit("0123456789abcdef0123456789abcdef01234567").setOrdinal(7)
                .setRange(new CommitRange("0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98", 3, 3, 0L, 0L))
                .setIndex(1)
                .build();
    }

    /** Parses a mail written with LF line ends, sent as UTF-8 bytes. */
    static ParsedMail parse(String mail) {
        return parse(mail, StandardCharsets.UTF_8);
    }

    static ParsedMail parse(String mail, Charset bytesAs) {
        return PARSER.parse(mail.getBytes(bytesAs), coordinates());
    }

    static ParsedMail parse(byte[] mail) {
        return PARSER.parse(mail, coordinates());
    }

    /** "Name: email" of each trailer, for compact assertions. */
    static List<String> trailerIdentities(ParsedMail mail) {
        return mail.getTrailers().stream()
                .map(t -> t.getName() + ": " + (t.getPerson() == null ? "-" : t.getPerson().getEmail()))
                .toList();
    }

    /** Whether one of the problems the parser reported contains {@code part}. */
    static boolean hasProblem(ParsedMail mail, String part) {
        return mail.getProblems().stream().anyMatch(p -> p.contains(part));
    }

    static Trailer trailer(ParsedMail mail, String name) {
        return mail.getTrailers().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }
}
