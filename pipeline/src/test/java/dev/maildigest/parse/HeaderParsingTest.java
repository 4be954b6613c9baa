package dev.maildigest.parse;

import static dev.maildigest.parse.Mails.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.ParsedMail;

/** Unfolding, RFC 2047 words, ids, dates, List-Id and address lists. */
class HeaderParsingTest {

    private static List<String> emails(List<Address> addresses) {
        return addresses.stream().map(Address::getEmail).toList();
    }

    private static List<String> names(List<Address> addresses) {
        return addresses.stream().map(a -> String.valueOf(a.getName())).toList();
    }

    /** The parser builds only the fields it reads; the others, however many, change nothing. */
    @Test
    void fieldsInAnyCaseAmongManyUnreadOnesAreFound() {
        ParsedMail mail = parse("""
                Received: from relay.example.net by mx.example.org; Mon, 2 Mar 2026 10:00:00 +0000
                DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel;
                \tb=c2lnbmF0dXJlIHRoYXQgbm9ib2R5IHJlYWRz
                X-Mailer: git-send-email 2.45.0
                FROM: Ana Tester <ana@example.org>
                x-received: by 2002:a05 with SMTP id x; Mon, 2 Mar 2026 10:00:01 +0000
                subject: [PATCH] gizmo: polish the knobs
                MESSAGE-ID: <knobs-1@example.org>
                Content-type: text/plain; charset="iso-8859-1"
                content-transfer-encoding: quoted-printable
                Date: Mon, 2 Mar 2026 10:00:00 +0000

                Polish the knobs until they shine, caf=E9 style.
                """);
        assertEquals("ana@example.org", mail.getSender().getEmail());
        assertEquals("[PATCH] gizmo: polish the knobs", mail.getSubject());
        assertEquals("knobs-1@example.org", mail.getMessageId());
        assertEquals(Instant.parse("2026-03-02T10:00:00Z"), mail.getDate());
        assertEquals(List.of(), mail.getProblems());
    }

    @Test
    void onlyUnreadFieldsIsNotAMailMessageButStillHasFields() {
        ParsedMail mail = parse("""
                X-Note: nothing a digest reads
                Received: from nowhere

                body
                """);
        assertEquals("none of From, Subject, Date, Message-ID: not a mail message", mail.getFailure());
    }

    @Test
    void foldedSubjectIsOneLine() {
        ParsedMail mail = parse("""
                From: a@example.org
                Subject: [PATCH tools-next 1/3] widget: teach the frobnicator to
                 \tcount sprockets twice

                body
                """);
        assertEquals("[PATCH tools-next 1/3] widget: teach the frobnicator to count sprockets twice", mail.getSubject());
        assertEquals("widget: teach the frobnicator to count sprockets twice", mail.getCleanSubject());
    }

    @Test
    void encodedWordsInAnyCharsetMixedWithPlainWords() {
        ParsedMail mail = parse("""
                From: =?iso-8859-1?q?Zo=EB_J=E4ger?= <zoe@example.org>
                Subject: Re: [PATCH] =?koi8-r?b?8NLJ18XUIM3J0g==?= and
                 =?iso-2022-jp?b?GyRCJDMkcyRLJEEkTxsoQg==?= from =?iso-8859-2?q?=A3ukasz_=AF=F3=B3w?= ok

                body
                """);
        assertEquals("Re: [PATCH] Привет мир and こんにちは from Łukasz Żółw ok", mail.getSubject());
        assertEquals("Привет мир and こんにちは from Łukasz Żółw ok", mail.getCleanSubject());
        assertEquals(new Address("Zoë Jäger", "zoe@example.org"), mail.getAuthor());
    }

    @Test
    void rawUtf8HeadersAndUnknownEncodedCharsetDoNotBreakTheSubject() {
        ParsedMail mail = parse("""
                From: Jörg Müller <joerg@example.de>
                Subject: Grüße =?x-no-such-charset?q?abc?= =?utf-8?b?broken

                body
                """);
        assertEquals(new Address("Jörg Müller", "joerg@example.de"), mail.getAuthor());
        assertTrue(mail.getSubject().startsWith("Grüße "), mail.getSubject());
        assertNull(mail.getFailure());
    }

    @Test
    void latin1RawHeaderBytesAreReadAsWindows1252() {
        ParsedMail mail = parse("""
                From: Zoë Jäger <zoe@example.org>
                Subject: café

                body
                """, StandardCharsets.ISO_8859_1);
        assertEquals("café", mail.getSubject());
        assertEquals("Zoë Jäger", mail.getAuthor().getName());
        assertTrue(mail.getProblems().stream().anyMatch(p -> p.contains("windows-1252")), mail.getProblems().toString());
    }

    @Test
    void addressListsWithQuotedNamesCommasEncodedNamesBareAddressesAndGroups() {
        ParsedMail mail = parse("""
                From: "Hopper, Grace" <Grace.Hopper@Example.ORG>
                To: kvm-list@example.org, Reviewers: Ann <ann@example.org>, bo@example.com;,
                 =?utf-8?b?UmVuw6llIEzDs3Bleg==?= <renee@example.net>
                Cc: "Quote \\"Nick\\" Name" <nick@example.org>, <angle.only@example.org>
                Cc: undisclosed-recipients:;
                Subject: hello

                body
                """);
        assertEquals(new Address("Hopper, Grace", "grace.hopper@example.org"), mail.getAuthor());
        assertEquals(mail.getAuthor(), mail.getSender());
        assertEquals(List.of(), mail.getTo(), "recipients are not kept: nothing reads them");
        Problems problems = new Problems();
        List<Address> to = Addresses.list("kvm-list@example.org, Reviewers: Ann <ann@example.org>, bo@example.com;, "
                + "=?utf-8?b?UmVuw6llIEzDs3Bleg==?= <renee@example.net>", problems);
        assertEquals(List.of("kvm-list@example.org", "ann@example.org", "bo@example.com", "renee@example.net"), emails(to));
        assertEquals(List.of("null", "Ann", "null", "Renée López"), names(to));
        List<Address> cc = Addresses.list("\"Quote \\\"Nick\\\" Name\" <nick@example.org>, <angle.only@example.org>", problems);
        assertEquals(List.of("nick@example.org", "angle.only@example.org"), emails(cc));
        assertEquals("Quote \"Nick\" Name", cc.get(0).getName());
    }

    @Test
    void idsWithoutBracketsAndThreadRootFromReferences() {
        ParsedMail mail = parse("""
                From: a@example.org
                Subject: Re: thread
                Message-ID: <child@example.org>
                In-Reply-To: <parent@example.org> (Ann's message of Monday)
                References: <root@example.org> <parent@example.org>

                body
                """);
        assertEquals("child@example.org", mail.getMessageId());
        assertEquals("parent@example.org", mail.getInReplyTo());
        assertEquals("root@example.org", mail.getThreadRoot());

        ParsedMail noReferences = parse("""
                From: a@example.org
                Subject: Re: thread
                Message-ID: <child@example.org>
                In-Reply-To: <parent@example.org>

                body
                """);
        assertEquals("parent@example.org", noReferences.getThreadRoot());
    }

    @Test
    void listIdAndLenientDate() {
        ParsedMail mail = parse("""
                From: a@example.org
                Subject: s
                List-Id: The KVM list <kvm.vger.example.org>
                Date: 4 Mar 25 10:15 EST

                body
                """);
        assertEquals("kvm.vger.example.org", mail.getListId());
        assertEquals(Instant.parse("2025-03-04T15:15:00Z"), mail.getDate());
    }

    @Test
    void missingOrInvalidDateIsAbsent() {
        assertNull(parse("From: a@example.org\nSubject: s\n\nbody\n").getDate());
        ParsedMail invalid = parse("From: a@example.org\nSubject: s\nDate: Tue, 31 Feb 2021 10:00:00 +0000\n\nbody\n");
        assertNull(invalid.getDate());
        assertNull(invalid.getFailure());
        assertTrue(invalid.getProblems().stream().anyMatch(p -> p.contains("Date")));
    }

    @Test
    void mboxFromLineBeforeTheHeaderIsSkipped() {
        ParsedMail mail = parse("""
                From ada@example.org Mon Mar  3 10:00:00 2025
                From: Ada Author <ada@example.org>
                Subject: [PATCH] one

                body
                """);
        assertEquals("ada@example.org", mail.getAuthor().getEmail());
        assertEquals("[PATCH] one", mail.getSubject());
        assertEquals(List.of(), mail.getProblems());
    }
}
