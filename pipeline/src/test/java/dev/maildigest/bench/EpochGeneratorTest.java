package dev.maildigest.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class EpochGeneratorTest {

    @Test
    void eachPassHasItsOwnIdsAndThreadsStayThreads() {
        String mail = "From: A <a@example.org>\n"
                + "Message-ID: <reply-1@example.org>\n"
                + "In-Reply-To: <root-1@example.org>\n"
                + "References: <root-1@example.org>\n"
                + "\t<mid-1@example.org>\n"
                + "Subject: Re: the <thing@example.org> stays\n"
                + "\n"
                + "Body with <body@example.org> untouched.\n";
        String fresh = new String(EpochGenerator.withFreshIds(mail.getBytes(StandardCharsets.ISO_8859_1), 3), StandardCharsets.ISO_8859_1);
        assertEquals("From: A <a@example.org>\n"
                + "Message-ID: <reply-1.g3@example.org>\n"
                + "In-Reply-To: <root-1.g3@example.org>\n"
                + "References: <root-1.g3@example.org>\n"
                + "\t<mid-1.g3@example.org>\n"
                + "Subject: Re: the <thing@example.org> stays\n"
                + "\n"
                + "Body with <body@example.org> untouched.\n", fresh);
    }
}
