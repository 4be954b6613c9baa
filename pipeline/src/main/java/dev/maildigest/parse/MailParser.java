package dev.maildigest.parse;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.MimeException;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.Coordinates;
import dev.maildigest.avro.MailKind;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.RawMail;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.Trailer;

/**
 * Turns the raw RFC 5322 bytes of one list message into the {@link ParsedMail} a digest is built
 * from.
 *
 * <p>Never throws: a message it cannot read at all comes back with {@code failure} set to the reason
 * (and whatever could be read); what it had to work around is listed in {@code problems}.
 * Stateless and thread-safe: one instance can serve every thread.
 */
public final class MailParser {
    /** Texts kept in a record are capped: a digest quotes them, it does not archive them. */
    static final int MAX_TEXT = 256 * 1024;
    static final int MAX_SUBJECT = 2000;

    /** The record of a raw mail: coordinates, list name and archive address copied over. */
    public ParsedMail parse(RawMail raw) {
        ByteBuffer message = raw.getMessage();
        ParsedMail parsed;
        if (message == null) {
            String why = raw.getRejected() != null ? raw.getRejected() : "no message bytes";
            parsed = ParsedMail.newBuilder()
                    .setCoordinates(raw.getCoordinates())
                    .setTags(noTags())
                    .setFailure(why)
                    .build();
        } else {
            parsed = parse(bytes(message), raw.getCoordinates());
        }
        parsed.setListName(raw.getListName());
        parsed.setArchiveUrl(raw.getArchiveUrl());
        return parsed;
    }

    /** The record of one message; listName and archiveUrl are left for the caller. */
    public ParsedMail parse(byte[] message, Coordinates coordinates) {
        Problems problems = new Problems();
        // Every field is set, so that build() need not compute defaults; new schema fields get theirs.
        ParsedMail.Builder mail = ParsedMail.newBuilder()
                .setCoordinates(coordinates)
                .setFailure(null)
                .setMessageId(null).setInReplyTo(null).setThreadRoot(null).setDate(null).setListId(null)
                .setSender(null).setAuthor(null).setTo(List.of()).setCc(List.of())
                .setSubject("").setCleanSubject("").setKind(MailKind.OTHER).setTags(noTags())
                .setCommitMessage(null).setNotes(null).setDiffstat(null).setDiff(null).setTrailers(List.of())
                .setChangeId(null).setApplied(null);
        try {
            read(message == null ? new byte[0] : message, mail, problems);
        } catch (IOException | MimeException | RuntimeException | StackOverflowError e) {
            mail.setFailure("parser error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + TextDecoder.printable(e.getMessage())));
        }
        return mail.setProblems(problems.list()).build();
    }

    private static void read(byte[] message, ParsedMail.Builder mail, Problems problems) throws IOException, MimeException {
        int offset = afterMboxFromLine(message);
        if (message.length - offset == 0 || TextDecoder.isBlank(message, offset)) {
            mail.setFailure("empty message");
            return;
        }
        MimeReader.Content content = MimeReader.read(message, offset, problems);
        MailHeaders headers = content.headers;
        if (headers.from == null && headers.subject == null && headers.messageId == null && headers.date == null) {
            mail.setFailure(headers.fields == 0
                    ? "no header fields: not a mail message"
                    : "none of From, Subject, Date, Message-ID: not a mail message");
            return;
        }

        mail.setMessageId(MessageIds.first(headers.messageId));
        mail.setInReplyTo(MessageIds.first(headers.inReplyTo));
        String root = MessageIds.first(headers.references);
        mail.setThreadRoot(root != null ? root : mail.getInReplyTo() != null ? mail.getInReplyTo() : mail.getMessageId());
        mail.setListId(MessageIds.first(headers.listId));
        mail.setSender(Addresses.person(headers.from, problems));

        String body = content.body;
        if (body == null) {
            problems.add("no text part");
            body = "";
        }
        if (body.indexOf('\0') >= 0) {
            problems.add("NUL bytes removed from the body");
            body = body.replace("\0", "");
        }
        BodyLines lines = BodyLines.of(body);
        InBodyHeaders inBody = InBodyHeaders.read(lines);
        BodySections s = BodySections.find(lines, inBody.textStart);

        String headerSubject = capped(MailHeaders.text(headers.subject), problems);
        SubjectParser.Subject subject = SubjectParser.parse(headerSubject);
        mail.setTags(subject.tags());
        boolean changes = s.statSummary >= 0 || s.diffStart >= 0;
        KindRules.Body facts = new KindRules.Body(changes,
                PullRequestText.in(lines, inBody.textStart, s.textEnd(lines)),
                !changes && mail.getInReplyTo() != null && answers(lines, inBody));
        MailKind kind = KindRules.kind(subject, mail.getInReplyTo() != null, facts);
        mail.setKind(kind);

        // git am reads in-body headers of patches only; at the top of anything else they quote someone.
        boolean patch = kind == MailKind.PATCH || kind == MailKind.COVER_LETTER;
        boolean inBodyHeaders = patch && inBody.textStart > 0 && !inBody.attribution;
        if (!inBodyHeaders && inBody.textStart > 0) {
            s = BodySections.find(lines, 0);
        }
        int textStart = inBodyHeaders ? inBody.textStart : 0;

        mail.setAuthor(author(headers, inBodyHeaders ? inBody.from : null, mail.getSender(), problems));
        Instant date = inBodyHeaders && inBody.date != null ? MailDates.parse(inBody.date, problems) : null;
        mail.setDate(date != null ? date : MailDates.parse(headers.date, problems));

        if (inBodyHeaders && inBody.subject != null) {
            // git am takes the in-body subject as the commit's; the header still tells the kind.
            String shown = capped(MailHeaders.text(inBody.subject), problems);
            mail.setSubject(shown);
            mail.setCleanSubject(SubjectParser.parse(shown).clean());
        } else {
            mail.setSubject(headerSubject == null ? "" : headerSubject);
            mail.setCleanSubject(subject.clean());
        }

        sections(lines, s, textStart, kind, mail, problems);
        if (patch) {
            mail.setChangeId(ChangeId.in(lines.text));
        } else if (kind == MailKind.REPLY) {
            mail.setApplied(AppliedText.find(lines, textStart, s.textEnd(lines)));
        }
        if (mail.getAuthor() == null && patch) {
            mail.setAuthor(firstSignOff(mail.getTrailers(), problems));
        }
    }

    /** A patch whose From names nobody is credited to its first sign-off, as its author signs first. */
    private static Address firstSignOff(List<Trailer> trailers, Problems problems) {
        for (Trailer t : trailers) {
            if (t.getName().equals("Signed-off-by") && t.getPerson() != null && Addresses.isPersonal(t.getPerson().getEmail())) {
                problems.add("author taken from the first Signed-off-by");
                return t.getPerson();
            }
        }
        return null;
    }

    /**
     * Who the digest credits: the in-body From of a patch, else the header From restored from a
     * list's DMARC rewriting; an address that names nobody is skipped for the next source.
     */
    private static Address author(MailHeaders headers, String inBodyFrom, Address sender, Problems problems) {
        if (inBodyFrom != null) {
            Address author = Addresses.person(inBodyFrom, problems);
            if (author != null && Addresses.isPersonal(author.getEmail())) {
                return author;
            }
            problems.add(author == null ? "unreadable in-body From, header From kept" : "in-body From is not a personal address, header From kept");
        }
        Address from = sender;
        Address restored = DmarcSender.restore(from, headers, problems);
        if (restored != null) {
            return restored;
        }
        if (from != null && Addresses.isPersonal(from.getEmail())) {
            return from;
        }
        if (from != null) {
            problems.add("sender address is not a personal address");
        }
        return null;
    }

    /** Commit message, notes, diffstat, diff totals and trailers, by kind. */
    private static void sections(BodyLines lines, BodySections s, int textStart, MailKind kind, ParsedMail.Builder mail, Problems problems) {
        List<Trailer> trailers = new ArrayList<>();
        if (kind == MailKind.PATCH || kind == MailKind.COVER_LETTER) {
            // A cover letter keeps its whole text (shortlog included); only a patch stops at ---.
            int messageEnd = kind == MailKind.PATCH && s.separator >= 0 ? s.separator : s.textEnd(lines);
            mail.setCommitMessage(capped(lines.text(textStart, messageEnd), "commit message", problems));
            if (kind == MailKind.PATCH && s.separator >= 0) {
                mail.setNotes(capped(notes(lines, s.separator + 1, s.textEnd(lines)), "notes", problems));
            }
            TrailerParser.collect(lines, textStart, messageEnd, false, trailers);
        } else {
            TrailerParser.collect(lines, textStart, s.textEnd(lines), true, trailers);
        }
        mail.setTrailers(trailers);
        if (s.statSummary >= 0) {
            mail.setDiffstat(capped(lines.text(s.statStart, s.statEnd), "diffstat", problems));
            mail.setDiff(Diffstat.totals(lines, s.statStart, s.statSummary, s.statEnd));
        } else if (s.diffStart >= 0) {
            mail.setDiff(DiffCounter.count(lines, s.diffStart));
        }
    }

    /**
     * Whether the text opens as an answer does: with an attribution ("On ..., Jane wrote:", a mail
     * client's From: block) or a quote. A cover letter may quote a review further down; it opens
     * with its own words.
     */
    private static boolean answers(BodyLines lines, InBodyHeaders inBody) {
        if (inBody.attribution) {
            return true;
        }
        int i = 0;
        while (lines.has(i) && lines.isBlank(i)) {
            i++;
        }
        for (int last = i + 2; i < last && lines.has(i); i++) {
            String line = lines.line(i).stripTrailing();
            if (line.startsWith(">") || line.endsWith("wrote:") || line.endsWith("writes:")) {
                return true;
            }
        }
        return false;
    }

    /** Text between --- and the diffstat; a second --- that git users add before the stat is not a note. */
    private static String notes(BodyLines lines, int from, int to) {
        int end = to;
        while (end > from && lines.isBlank(end - 1)) {
            end--;
        }
        if (end > from && lines.is(end - 1, "---")) {
            end--;
        }
        return lines.text(from, end);
    }

    private static String capped(String subject, Problems problems) {
        if (subject != null && subject.length() > MAX_SUBJECT) {
            problems.add("subject longer than " + MAX_SUBJECT + " characters, cut");
            return subject.substring(0, MAX_SUBJECT);
        }
        return subject;
    }

    private static String capped(String text, String what, Problems problems) {
        if (text != null && text.length() > MAX_TEXT) {
            problems.add(what + " longer than " + MAX_TEXT / 1024 + " KiB, cut");
            return text.substring(0, MAX_TEXT);
        }
        return text;
    }

    private static SubjectTags noTags() {
        return SubjectTags.newBuilder().setLabels(new ArrayList<>()).build();
    }

    /** An mbox "From " separator line is not a header field. */
    private static int afterMboxFromLine(byte[] m) {
        if (m.length > 5 && m[0] == 'F' && m[1] == 'r' && m[2] == 'o' && m[3] == 'm' && m[4] == ' ') {
            for (int i = 5; i < m.length; i++) {
                if (m[i] == '\n') {
                    return i + 1;
                }
            }
            return m.length;
        }
        return 0;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
