package dev.maildigest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.maildigest.avro.Address;

/** Which addresses can be an author, names with comments, and senders rewritten for DMARC. */
class AuthorSourcesTest {

    @Test
    void personalAddresses() {
        assertTrue(Addresses.isPersonal("jane@example.org"));
        assertTrue(Addresses.isPersonal("jane+lists@mail.example.co.uk"));
        assertFalse(Addresses.isPersonal("jane"));
        assertFalse(Addresses.isPersonal("jane@localhost"));
        assertFalse(Addresses.isPersonal("@example.org"));
        assertFalse(Addresses.isPersonal("jane@example..org"));
        assertFalse(Addresses.isPersonal("jane@-example.org"));
        assertFalse(Addresses.isPersonal("jane@10.0.0.1"));
        assertFalse(Addresses.isPersonal("jane@exa_mple.org"));
    }

    @Test
    void nameCommentsAreKeptAsWritten() {
        Problems p = new Problems();
        assertEquals("Jane Doe (ACME)", Addresses.person("Jane Doe (ACME) <jane@acme.example>", p).getName());
        assertEquals("Jane Doe", Addresses.person("jane@acme.example (Jane Doe)", p).getName());
        assertEquals("Doe, Jane (ACME)", Addresses.person("\"Doe, Jane (ACME)\" <jane@acme.example>", p).getName());
    }

    private static MailHeaders headers(String from, String replyTo, String originalFrom) {
        MailHeaders h = new MailHeaders();
        h.from = from;
        h.replyTo = replyTo;
        h.originalFrom = originalFrom;
        return h;
    }

    @Test
    void dmarcRewrittenSenderIsRestored() {
        Problems p = new Problems();
        Address list = Addresses.person("Dora Strict via counter-dev <counter-dev@lists.example.org>", p);
        Address byReplyTo = DmarcSender.restore(list, headers(null, "Dora Strict <dora@strict.example>", null), p);
        assertEquals(new Address("Dora Strict", "dora@strict.example"), byReplyTo);
        Address byOriginal = DmarcSender.restore(list, headers(null, "counter-dev@lists.example.org, dora@strict.example",
                "dora@strict.example"), p);
        assertEquals(new Address("Dora Strict", "dora@strict.example"), byOriginal);
    }

    @Test
    void aSenderNotRewrittenIsLeftAlone() {
        Problems p = new Problems();
        Address plain = Addresses.person("Jane Doe <jane@example.org>", p);
        assertNull(DmarcSender.restore(plain, headers(null, "Someone Else <else@example.org>", null), p));
        Address via = Addresses.person("Dora via counter-dev <counter-dev@lists.example.org>", p);
        assertNull(DmarcSender.restore(via, headers(null, "counter-dev@lists.example.org, dora@strict.example", null), p),
                "a Reply-To naming the list and the person is ambiguous");
    }
}
